import type { Prng } from './prng.js';
import { DEPARTMENTS, GIVEN_NAMES, JOB_TITLES, OFFICES, SURNAMES, TENANT_DOMAIN, TENANT_INITIAL_DOMAIN } from './names.js';

/** A directory user with every property the emulator serves (`$select` decides what is returned). */
export interface EmulatedUser {
  id: string;
  businessPhones: string[];
  displayName: string | null;
  givenName: string | null;
  jobTitle: string | null;
  mail: string | null;
  mobilePhone: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  surname: string | null;
  userPrincipalName: string;
  accountEnabled: boolean | null;
  employeeId: string | null;
  employeeType: string | null;
  companyName: string | null;
  department: string | null;
  onPremisesSamAccountName: string | null;
  onPremisesImmutableId: string | null;
  onPremisesSyncEnabled: boolean | null;
  userType: string | null;
}

/** Properties `GET /users` returns without `$select` (NOTES §3.1). */
export const USER_DEFAULT_PROPERTIES = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
  'preferredLanguage', 'surname', 'userPrincipalName', 'id',
] as const satisfies readonly (keyof EmulatedUser)[];

export const USER_PROPERTIES: readonly (keyof EmulatedUser)[] = [
  ...USER_DEFAULT_PROPERTIES, 'accountEnabled', 'employeeId', 'employeeType', 'companyName', 'department',
  'onPremisesSamAccountName', 'onPremisesImmutableId', 'onPremisesSyncEnabled', 'userType',
];

function asciiLocal(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

/** Generates `count` users with unique UPNs; names and org data are deterministic in `prng`. */
export function generateUsers(prng: Prng, count: number): EmulatedUser[] {
  const users: EmulatedUser[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const givenName = prng.pick(GIVEN_NAMES);
    const surname = prng.pick(SURNAMES);
    let local = `${asciiLocal(givenName)}.${asciiLocal(surname)}`;
    if (taken.has(local)) local = `${local}${i}`;
    taken.add(local);
    const department = prng.weighted(DEPARTMENTS);
    const synced = prng.chance(0.7);
    // Some tenants never set a vanity-domain UPN for part of their staff, so UPN and mail disagree.
    const upnOnInitialDomain = prng.chance(0.04);
    const samAccountName = `${asciiLocal(givenName).slice(0, 1)}${asciiLocal(surname)}`.slice(0, 20);
    users.push({
      id: prng.uuid(),
      businessPhones: prng.chance(0.4) ? [`+1 425 555 ${prng.digits(4)}`] : [],
      displayName: `${givenName} ${surname}`,
      givenName,
      jobTitle: prng.pick(JOB_TITLES[department] ?? ['Staff']),
      mail: prng.chance(0.02) ? null : `${local}@${TENANT_DOMAIN}`,
      mobilePhone: prng.chance(0.3) ? `+1 206 555 ${prng.digits(4)}` : null,
      officeLocation: prng.weighted(OFFICES),
      preferredLanguage: prng.chance(0.8) ? 'en-US' : null,
      surname,
      userPrincipalName: `${local}@${upnOnInitialDomain ? TENANT_INITIAL_DOMAIN : TENANT_DOMAIN}`,
      accountEnabled: !prng.chance(0.03),
      employeeId: prng.chance(0.95) ? `E${String(100000 + i)}` : null,
      employeeType: prng.chance(0.9) ? 'Employee' : 'Contractor',
      companyName: 'Contoso Ltd',
      department,
      onPremisesSamAccountName: synced ? samAccountName : null,
      onPremisesImmutableId: synced ? Buffer.from(prng.uuid()).toString('base64').slice(0, 24) : null,
      onPremisesSyncEnabled: synced ? true : null,
      userType: 'Member',
    });
  }
  return users;
}
