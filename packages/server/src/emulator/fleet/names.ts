/** Name and organisation lists for the generated directory. */

export const GIVEN_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Lisa',
  'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret', 'Steven', 'Ashley', 'Paul',
  'Kimberly', 'Andrew', 'Emily', 'Joshua', 'Donna', 'Kenneth', 'Michelle', 'Kevin', 'Carol', 'Brian', 'Amanda',
  'George', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie', 'Jason', 'Rebecca', 'Edward', 'Sharon', 'Jeffrey',
  'Laura', 'Ryan', 'Cynthia', 'Jacob', 'Amy', 'Gary', 'Kathleen', 'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan',
  'Brenda', 'Stephen', 'Emma', 'Larry', 'Anna', 'Justin', 'Pamela', 'Scott', 'Nicole', 'Brandon', 'Samantha', 'Priya',
  'Wei', 'Aisha', 'Mateo', 'Sofia', 'Hiroshi', 'Yuki', 'Olga', 'Lars', 'Ingrid', 'Chloé', 'Zoë', 'José', 'Siobhán',
];

export const SURNAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Patel', 'Kim', 'Chen', 'Singh', 'Müller', 'Schmidt',
  "O'Brien", 'Kowalski', 'Novak', 'Johansson', 'Tanaka', 'Sato', 'Rossi', 'Dubois', 'van der Berg', 'Okafor',
];

export const DEPARTMENTS: readonly (readonly [string, number])[] = [
  ['Engineering', 22], ['Sales', 16], ['Marketing', 8], ['Finance', 7], ['Human Resources', 4], ['Operations', 12],
  ['Customer Success', 10], ['IT', 5], ['Legal', 2], ['Product', 8], ['Executive', 1], ['Facilities', 2],
];

export const JOB_TITLES: Readonly<Record<string, readonly string[]>> = {
  Engineering: ['Software Engineer', 'Senior Software Engineer', 'Engineering Manager', 'QA Engineer', 'DevOps Engineer'],
  Sales: ['Account Executive', 'Sales Manager', 'Sales Development Representative'],
  Marketing: ['Marketing Manager', 'Content Specialist', 'Product Marketing Manager'],
  Finance: ['Accountant', 'Financial Analyst', 'Controller'],
  'Human Resources': ['HR Business Partner', 'Recruiter'],
  Operations: ['Operations Analyst', 'Operations Manager', 'Logistics Coordinator'],
  'Customer Success': ['Customer Success Manager', 'Support Engineer'],
  IT: ['IT Administrator', 'Service Desk Analyst', 'Systems Engineer'],
  Legal: ['Counsel', 'Paralegal'],
  Product: ['Product Manager', 'UX Designer'],
  Executive: ['Chief Executive Officer', 'Chief Operating Officer', 'Chief Financial Officer'],
  Facilities: ['Facilities Coordinator'],
};

export const OFFICES: readonly (readonly [string, number])[] = [
  ['Seattle HQ', 35], ['New York', 20], ['London', 15], ['Berlin', 8], ['Singapore', 7], ['Remote', 15],
];

export const TENANT_DOMAIN = 'contoso.com';
export const TENANT_INITIAL_DOMAIN = 'contoso.onmicrosoft.com';
