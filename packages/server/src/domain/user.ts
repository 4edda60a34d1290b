import type { IsoTimestamp } from './timestamp.js';

/** An employee. `source` is `manual`, `import`, `entra:<connectionId>` or `intune:<connectionId>`. */
export interface User {
  readonly id: string;
  readonly departmentId: string;
  readonly email: string | null;
  readonly upn: string | null;
  readonly employeeId: string | null;
  readonly samAccountName: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly siteId: string | null;
  readonly isActive: boolean;
  readonly source: string;
  /** The id in `source` (an Entra object id), so a re-sync finds the same person after an email change. */
  readonly externalId: string | null;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
}

/** Register user fields an Intune owner can be matched against (SPEC §4.7), all case-insensitive. */
export const USER_MATCH_FIELDS = ['email', 'upn', 'employeeId', 'samAccountName'] as const;
export type UserMatchField = (typeof USER_MATCH_FIELDS)[number];

export function toUserKey(value: string | null | undefined): string | null {
  const key = value?.trim().toLowerCase() ?? '';
  return key === '' ? null : key;
}
