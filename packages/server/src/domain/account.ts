/** Who may sign in to the UI and API, and what they may do (SPEC §8). Ordered: each role can do all the lower ones can. */
export const ACCOUNT_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export function isAccountRole(value: string): value is AccountRole {
  return (ACCOUNT_ROLES as readonly string[]).includes(value);
}

/** True when `role` grants at least what `needed` grants. */
export function roleAllows(role: AccountRole, needed: AccountRole): boolean {
  return ACCOUNT_ROLES.indexOf(role) >= ACCOUNT_ROLES.indexOf(needed);
}

export interface Account {
  readonly id: string;
  readonly email: string;
  readonly role: AccountRole;
  readonly isActive: boolean;
  readonly createdAt: string;
  readonly lastSignInAt: string | null;
}
