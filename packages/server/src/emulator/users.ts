import type { GraphCall } from './graph-context.js';
import type { EmuResponse } from './http-types.js';
import type { EmulatedUser } from './fleet/users.js';
import type { IdPagerOptions } from './id-pager.js';
import { queryOption } from './graph-context.js';
import { badRequest, notFound } from './graph-errors.js';
import { json } from './http-types.js';
import { USER_DEFAULT_PROPERTIES, USER_PROPERTIES } from './fleet/users.js';
import { pageById } from './id-pager.js';

const CANONICAL = new Map(USER_PROPERTIES.map((name) => [name.toLowerCase(), name]));

function selectUsers(call: GraphCall): readonly (keyof EmulatedUser)[] | EmuResponse {
  const raw = queryOption(call, '$select');
  if (raw === null || raw.trim() === '') return USER_DEFAULT_PROPERTIES;
  const names: (keyof EmulatedUser)[] = [];
  for (const part of raw.split(',')) {
    const canonical = CANONICAL.get(part.trim().toLowerCase());
    if (canonical === undefined) {
      return badRequest(`Could not find a property named '${part.trim()}' on type 'microsoft.graph.user'.`, call.request.headers['client-request-id']);
    }
    names.push(canonical);
  }
  return names;
}

function project(user: EmulatedUser, names: readonly (keyof EmulatedUser)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) out[name] = user[name];
  return out;
}

export function usersPagerOptions(names: readonly (keyof EmulatedUser)[], call: GraphCall): IdPagerOptions<EmulatedUser> {
  return {
    resourcePath: 'users',
    contextFragment: 'users',
    defaultTop: 100,
    maxTop: 999,
    tokenPrefix: 'RFNwdAIAAQAAAB:',
    // Directory pages are 1..999; unlike Intune, a bigger $top is an error (NOTES §3.1).
    rejectTop: (raw) =>
      /^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 999
        ? undefined
        : badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`, call.request.headers['client-request-id']),
    project: (user) => project(user, names),
  };
}

/** `GET /{version}/users`: 100 per page by default; employeeId, department … only on $select. */
export function listUsers(call: GraphCall): EmuResponse {
  const names = selectUsers(call);
  if (!Array.isArray(names)) return names as EmuResponse;
  return pageById(call, call.ctx.store.sortedById('users'), usersPagerOptions(names, call));
}

export function getUser(call: GraphCall, key: string): EmuResponse {
  const names = selectUsers(call);
  if (!Array.isArray(names)) return names as EmuResponse;
  const lower = key.toLowerCase();
  const user = call.ctx.store.snapshot.users.find((u) => u.id === lower || u.userPrincipalName.toLowerCase() === lower);
  if (user === undefined) return notFound(key, call.request.headers['client-request-id']);
  return json(200, { '@odata.context': `${call.ctx.graphUrl}/${call.version}/$metadata#users/$entity`, ...project(user, names) });
}
