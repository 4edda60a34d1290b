import type { AccountRoleValue, AccountView, SessionView } from '@intune-assets/contracts';
import { api } from './client.js';

export type Role = AccountRoleValue;
export type { AccountView, SessionView };

const ROLE_RANK: Readonly<Record<Role, number>> = { viewer: 0, analyst: 1, admin: 2 };

/** Roles are ordered viewer < analyst < admin; an admin can do everything an analyst can. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[required];
}

export const sessionApi = {
  current: (signal?: AbortSignal) => api.get<SessionView>('/session', signal),
  signIn: (email: string, password: string) => api.post<SessionView>('/session', { email, password }),
  signOut: () => api.delete('/session'),
  listAccounts: (signal?: AbortSignal) => api.get<{ items: AccountView[] }>('/accounts', signal),
  createAccount: (body: { email: string; role: Role; password: string }) => api.post<AccountView>('/accounts', body),
};
