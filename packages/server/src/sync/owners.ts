import type { GraphUser } from '../domain/graph-user.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import { toUserKey } from '../domain/user.js';
import type { AllocationSettings } from './plan.js';
import type { NewEmployee } from './ports.js';

/**
 * The Entra directory of one run, read once (SPEC §4.4), indexed by every way a device names its owner:
 * userPrincipalName, mail and object id, all case-insensitive.
 */
export class OwnerDirectory {
  readonly #byKey = new Map<string, GraphUser>();

  add(users: readonly GraphUser[]): void {
    for (const user of users) {
      // Only what owner matching and employee creation read: a 50,000-user directory is held for the whole run.
      const kept: GraphUser = {
        id: user.id,
        userPrincipalName: user.userPrincipalName ?? null,
        mail: user.mail ?? null,
        givenName: user.givenName ?? null,
        surname: user.surname ?? null,
        employeeId: user.employeeId ?? null,
        onPremisesSamAccountName: user.onPremisesSamAccountName ?? null,
      };
      for (const value of [user.userPrincipalName, user.mail, user.id]) {
        const key = toUserKey(value);
        if (key !== null && !this.#byKey.has(key)) this.#byKey.set(key, kept);
      }
    }
  }

  /** Lets the run drop the directory once the last page is written (reconcile does not need it). */
  clear(): void {
    this.#byKey.clear();
  }

  get size(): number {
    return this.#byKey.size;
  }

  find(value: string): GraphUser | undefined {
    const key = toUserKey(value);
    return key === null ? undefined : this.#byKey.get(key);
  }
}

/** Who a device's owner is, in the terms the register matches users on. */
export interface OwnerLookup {
  /** The Intune owner value (UPN, email or Entra id), or null when the device has no owner. */
  readonly owner: string | null;
  /** Candidate values of the register's user field, in order of preference (lower-cased). */
  readonly keys: readonly string[];
  readonly directoryUser: GraphUser | undefined;
}

export function ownerOf(device: ManagedDevice, settings: AllocationSettings, directory: OwnerDirectory): OwnerLookup {
  const raw = device[settings.ownerField];
  const owner = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null;
  if (owner === null) return { owner: null, keys: [], directoryUser: undefined };
  const user = directory.find(owner);
  const ownerIsEmail = owner.includes('@') && settings.ownerField !== 'userId';
  const candidates: Array<string | null | undefined> = (() => {
    switch (settings.userField) {
      case 'email':
        return [ownerIsEmail ? owner : null, user?.mail, user?.userPrincipalName];
      case 'upn':
        return [settings.ownerField === 'userPrincipalName' ? owner : null, user?.userPrincipalName];
      case 'employeeId':
        return [user?.employeeId];
      case 'samAccountName':
        return [user?.onPremisesSamAccountName];
      default: {
        const unreachable: never = settings.userField;
        throw new Error(`unknown user field ${String(unreachable)}`);
      }
    }
  })();
  const keys = [...new Set(candidates.map(toUserKey).filter((k): k is string => k !== null))];
  return { owner, keys, directoryUser: user };
}

/**
 * An employee the connector may create for an owner not in the register (allwhere): only with an email, a
 * first and a last name from the directory.
 */
export function newEmployeeFor(lookup: OwnerLookup): NewEmployee | null {
  const user = lookup.directoryUser;
  const key = lookup.keys[0];
  const email = user?.mail ?? (lookup.owner?.includes('@') ? lookup.owner : null);
  if (!user || key === undefined || !email || !user.givenName || !user.surname) return null;
  return {
    key,
    email,
    upn: user.userPrincipalName ?? null,
    employeeId: user.employeeId ?? null,
    samAccountName: user.onPremisesSamAccountName ?? null,
    firstName: user.givenName,
    lastName: user.surname,
    externalId: user.id,
  };
}
