import { executeBatch } from './batch.js';
import { GraphError, isRecord, restated } from './graph-error.js';
import type { GraphUser } from '../domain/graph-user.js';
import type { BatchItemResult, BatchTransport } from './batch.js';

/** Characters no userPrincipalName, mail or object id holds: such an owner value names nobody, so nobody is asked. */
const NEVER_A_USER = /[\s/\\?]/;

/**
 * Entra users by the values a device names its owner with (object id, userPrincipalName or mail), looked up one
 * by one through `$batch` (20 per request) instead of reading the whole directory. The result has every key
 * lower-cased: the user, or null when Graph has no user with that id, UPN or mail (a 404 is an answer, not a
 * failure). Any other failure of any key throws, naming the key: a caller must not mistake "could not ask" for
 * "no such user".
 *
 * `GET /users/{key}` resolves ids and UPNs only (learn.microsoft.com/graph/api/user-get). A device's
 * emailAddress is the user's mail, which differs from the UPN for some users, so an address that is no UPN is
 * asked again as `$filter=mail eq '…'`. A UPN starting with `$` cannot be a path segment, so it goes straight
 * to the filter.
 */
export async function readUsersByKey(input: {
  readonly http: BatchTransport;
  /** Graph root with version, e.g. https://graph.microsoft.com/v1.0. */
  readonly root: string;
  readonly keys: readonly string[];
  /** The `$select=…` query part (already validated), or empty for Graph's default properties. */
  readonly selectQuery: readonly string[];
  readonly permission: string;
  readonly signal?: AbortSignal | undefined;
  readonly concurrency?: number | undefined;
}): Promise<Map<string, GraphUser | null>> {
  const out = new Map<string, GraphUser | null>();
  const direct: string[] = [];
  const byFilter: string[] = [];
  for (const key of new Set(input.keys.map((raw) => raw.trim().toLowerCase()))) {
    if (key === '' || NEVER_A_USER.test(key)) out.set(key, null);
    else if (key.startsWith('$')) byFilter.push(key);
    else direct.push(key);
  }
  out.delete('');
  const select = input.selectQuery.join('&');
  const run = (urls: readonly string[]): Promise<BatchItemResult[]> =>
    executeBatch(input.http, urls.map((url) => ({ url })), {
      batchUrl: `${input.root}/$batch`,
      permission: input.permission,
      signal: input.signal,
      ...(input.concurrency === undefined ? {} : { concurrency: input.concurrency }),
    });

  const got = await run(direct.map((key) => `/users/${encodeURIComponent(key)}${select === '' ? '' : `?${select}`}`));
  direct.forEach((key, index) => {
    const result = got[index];
    if (result?.ok === true) out.set(key, userOf(result.body, key));
    else if (isNotFound(result) && key.includes('@')) byFilter.push(key);
    else if (isNotFound(result)) out.set(key, null);
    else throw failure(result, key);
  });

  const filtered = await run(byFilter.map((key) => `/users?$filter=${encodeURIComponent(filterFor(key))}${select === '' ? '' : `&${select}`}`));
  byFilter.forEach((key, index) => {
    const result = filtered[index];
    if (result?.ok !== true) throw failure(result, key);
    const list = isRecord(result.body) && Array.isArray(result.body['value']) ? result.body['value'] : null;
    if (list === null) throw malformed(key, 'the $filter answer has no "value" array');
    const first: unknown = list[0];
    out.set(key, first === undefined ? null : userOf(first, key));
  });
  return out;
}

function filterFor(key: string): string {
  const quoted = `'${key.replace(/'/g, "''")}'`;
  return key.startsWith('$') ? `userPrincipalName eq ${quoted} or mail eq ${quoted}` : `mail eq ${quoted}`;
}

function isNotFound(result: BatchItemResult | undefined): boolean {
  return result !== undefined && !result.ok && result.error.status === 404;
}

function userOf(body: unknown, key: string): GraphUser {
  if (!isRecord(body) || typeof body['id'] !== 'string' || body['id'] === '') throw malformed(key, 'the user has no "id"');
  return body as unknown as GraphUser;
}

function malformed(key: string, problem: string): GraphError {
  return new GraphError({ type: 'malformed_response', kind: 'system', reason: 'malformed_response', message: `Entra user "${key}": ${problem}` });
}

function failure(result: BatchItemResult | undefined, key: string): GraphError {
  if (result === undefined) return malformed(key, 'no answer in the $batch response');
  if (result.ok) return malformed(key, 'unexpected answer');
  return restated(result.error, `Entra user "${key}" could not be looked up`);
}
