import { describe, expect, it } from 'vitest';
import { GraphError } from './graph-error.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { readUsersByKey } from './users-by-key.js';
import type { BatchTransport } from './batch.js';

interface Directory {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly mail: string | null;
}

const USERS: Directory[] = [
  { id: '11111111-1111-4111-8111-111111111111', userPrincipalName: 'ada@contoso.com', mail: 'ada@contoso.com' },
  { id: '22222222-2222-4222-8222-222222222222', userPrincipalName: 'grace@contoso.onmicrosoft.com', mail: 'grace.hopper@contoso.com' },
  { id: '33333333-3333-4333-8333-333333333333', userPrincipalName: '$svc@contoso.com', mail: null },
];

// why: a scripted directory behind $batch shows which relative URLs the lookups send (path vs $filter) and lets a
// test break one item, without a server; the emulator path is covered by the sync integration test.
function fakeGraph(options: { failing?: string } = {}) {
  const urls: string[] = [];
  const answer = (url: string): { status: number; body: unknown } => {
    const parsed = new URL(`https://g${url}`);
    const filter = parsed.searchParams.get('$filter');
    if (filter !== null) {
      const values = [...filter.matchAll(/eq '((?:[^']|'')*)'/g)].map((m) => (m[1] ?? '').replace(/''/g, "'"));
      const found = USERS.filter((u) => values.some((v) => v === u.mail?.toLowerCase() || (filter.includes('userPrincipalName') && v === u.userPrincipalName.toLowerCase())));
      return { status: 200, body: { value: found } };
    }
    const key = decodeURIComponent(parsed.pathname.split('/')[2] ?? '');
    if (key === options.failing) return { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } };
    const user = USERS.find((u) => u.id === key || u.userPrincipalName === key);
    return user === undefined ? { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: `Resource '${key}' does not exist.` } } } : { status: 200, body: user };
  };
  const http: BatchTransport = {
    clock: { now: () => 0, sleep: async () => undefined },
    policy: DEFAULT_RETRY_POLICY,
    reportRetry: () => undefined,
    async postJson(_url, body) {
      const requests = (body as { requests: Array<{ id: string; url: string }> }).requests;
      urls.push(...requests.map((r) => r.url));
      return { status: 200, headers: {}, body: { responses: requests.map((r) => ({ id: r.id, headers: {}, ...answer(r.url) })) } };
    },
  };
  return { http, urls };
}

const lookup = (http: BatchTransport, keys: string[]) =>
  readUsersByKey({ http, root: 'https://g/v1.0', keys, selectQuery: ['$select=id,userPrincipalName,mail'], permission: 'User.Read.All' });

describe('readUsersByKey', () => {
  it('finds users by id and UPN, falls back to mail for an address that is no UPN, and answers null for nobody', async () => {
    const { http, urls } = fakeGraph();
    const found = await lookup(http, ['ADA@contoso.com', USERS[0]!.id.toUpperCase(), 'Grace.Hopper@contoso.com', 'nobody@contoso.com', 'not a key', 'ada@contoso.com ']);
    expect(Object.fromEntries([...found].map(([k, u]) => [k, u?.id ?? null]))).toEqual({
      'ada@contoso.com': USERS[0]!.id,
      [USERS[0]!.id]: USERS[0]!.id,
      'grace.hopper@contoso.com': USERS[1]!.id,
      'nobody@contoso.com': null,
      'not a key': null,
    });
    expect(urls).toEqual([
      '/users/ada%40contoso.com?$select=id,userPrincipalName,mail',
      `/users/${USERS[0]!.id}?$select=id,userPrincipalName,mail`,
      '/users/grace.hopper%40contoso.com?$select=id,userPrincipalName,mail',
      '/users/nobody%40contoso.com?$select=id,userPrincipalName,mail',
      `/users?$filter=${encodeURIComponent("mail eq 'grace.hopper@contoso.com'")}&$select=id,userPrincipalName,mail`,
      `/users?$filter=${encodeURIComponent("mail eq 'nobody@contoso.com'")}&$select=id,userPrincipalName,mail`,
    ]);
  });

  it('asks for a UPN starting with $ through $filter (it cannot be a path segment) and escapes quotes', async () => {
    const { http, urls } = fakeGraph();
    const found = await lookup(http, ['$svc@contoso.com', "o'brien@contoso.com"]);
    expect(found.get('$svc@contoso.com')?.id).toBe(USERS[2]!.id);
    expect(found.get("o'brien@contoso.com")).toBeNull();
    expect(urls).toContain(`/users?$filter=${encodeURIComponent("userPrincipalName eq '$svc@contoso.com' or mail eq '$svc@contoso.com'")}&$select=id,userPrincipalName,mail`);
    expect(urls).toContain(`/users?$filter=${encodeURIComponent("mail eq 'o''brien@contoso.com'")}&$select=id,userPrincipalName,mail`);
  });

  it('throws a GraphError naming the key when a lookup fails for another reason than "no such user"', async () => {
    const { http } = fakeGraph({ failing: 'grace@contoso.onmicrosoft.com' });
    const error = await lookup(http, ['ada@contoso.com', 'grace@contoso.onmicrosoft.com']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(403);
    expect((error as GraphError).message).toContain('grace@contoso.onmicrosoft.com');
    expect((error as GraphError).message).toContain('User.Read.All');
  });
});
