import type { GraphCall } from './graph-context.js';
import type { EmuResponse } from './http-types.js';
import type { EmulatedUser } from './fleet/users.js';
import type { IdPagerOptions } from './id-pager.js';
import { queryOption } from './graph-context.js';
import { badRequest, graphError } from './graph-errors.js';
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

const FILTER_CLAUSE = /^\s*(id|mail|userPrincipalName)\s+eq\s+'((?:[^']|'')*)'\s*$/i;

/**
 * The subset of directory `$filter` a connector uses to find one user: `id`, `mail` or `userPrincipalName`
 * `eq '…'` joined by `or` (case-insensitive, as Entra compares strings). Anything else is a 400 rather than
 * being ignored: a silently ignored filter would hand back the first page of the directory as "matches".
 */
function filterUsers(call: GraphCall, raw: string): readonly EmulatedUser[] | EmuResponse {
  const matches = new Set<EmulatedUser>();
  for (const clause of raw.split(/\s+or\s+/i)) {
    const parsed = FILTER_CLAUSE.exec(clause);
    if (parsed === null) return badRequest(`Unsupported or invalid query filter clause specified for property '${clause.trim()}' of resource 'User'.`, call.request.headers['client-request-id']);
    const property = (parsed[1] ?? '').toLowerCase();
    const value = (parsed[2] ?? '').replace(/''/g, "'");
    if (property === 'mail') for (const user of call.ctx.store.usersByMail(value)) matches.add(user);
    else {
      const user = call.ctx.store.user(value);
      if (user !== undefined && (property === 'id' ? user.id.toLowerCase() === value.toLowerCase() : user.userPrincipalName.toLowerCase() === value.toLowerCase())) matches.add(user);
    }
  }
  return [...matches].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `GET /{version}/users`: 100 per page by default; employeeId, department … only on $select; `$filter` as above. */
export function listUsers(call: GraphCall): EmuResponse {
  const names = selectUsers(call);
  if (!Array.isArray(names)) return names as EmuResponse;
  const filter = queryOption(call, '$filter');
  const users = filter === null ? call.ctx.store.sortedById('users') : filterUsers(call, filter);
  if (!Array.isArray(users)) return users as EmuResponse;
  return pageById(call, users, usersPagerOptions(names, call));
}

/** `GET /{version}/users/{id | userPrincipalName}` (case-insensitive); an unknown key is a 404. */
export function getUser(call: GraphCall, key: string): EmuResponse {
  const names = selectUsers(call);
  if (!Array.isArray(names)) return names as EmuResponse;
  const user = call.ctx.store.user(key);
  if (user === undefined) {
    return graphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`, {
      clientRequestId: call.request.headers['client-request-id'],
    });
  }
  return json(200, { '@odata.context': `${call.ctx.graphUrl}/${call.version}/$metadata#users/$entity`, ...project(user, names) });
}
