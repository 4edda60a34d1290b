/**
 * An Entra user as `GET /users` returns it. Default properties come without `$select`; `employeeId`,
 * `onPremisesSamAccountName`, `department`, `accountEnabled` and friends only with it (NOTES §3.1).
 */
export interface GraphUser {
  readonly id: string;
  readonly userPrincipalName?: string | null;
  readonly displayName?: string | null;
  readonly mail?: string | null;
  readonly givenName?: string | null;
  readonly surname?: string | null;
  readonly jobTitle?: string | null;
  readonly officeLocation?: string | null;
  readonly mobilePhone?: string | null;
  readonly businessPhones?: readonly string[];
  readonly preferredLanguage?: string | null;
  readonly employeeId?: string | null;
  readonly onPremisesSamAccountName?: string | null;
  readonly department?: string | null;
  readonly companyName?: string | null;
  readonly accountEnabled?: boolean | null;
  readonly employeeType?: string | null;
  readonly userType?: string | null;
}
