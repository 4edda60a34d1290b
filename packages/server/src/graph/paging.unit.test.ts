import { describe, expect, it } from 'vitest';
import { GraphError } from './graph-error.js';
import { pageProblem, pages } from './paging.js';
import type { GraphResponse, RequestOptions } from './http.js';
import type { PageSource } from './paging.js';

const BASE = 'https://graph.example.test/v1.0/deviceManagement/managedDevices';

// why: an in-memory Graph collection stands in for GraphHttp so paging logic (nextLink, validation, prefetch,
// early stop) is tested without sockets; GraphHttp's own retry of malformed bodies is covered in integration.
function fakeSource(bodies: Record<string, unknown>): PageSource & { requested: string[] } {
  const requested: string[] = [];
  return {
    requested,
    async getJson(url: string, options?: RequestOptions): Promise<GraphResponse> {
      requested.push(url);
      if (!(url in bodies)) throw new Error(`unexpected url ${url}`);
      const body = bodies[url];
      const problem = options?.validate?.(body);
      if (problem !== undefined) throw new GraphError({ type: 'malformed_response', kind: 'transient', reason: 'malformed_response_retries_exhausted', message: problem });
      return { status: 200, headers: {}, body };
    },
  };
}

const next1 = `${BASE}?$top=2&$skiptoken=LastDeviceName%3d%27B%27%2cLastDeviceId%3d%272%27`;
const next2 = `${BASE}?$top=2&$skiptoken=LastDeviceName%3d%27D%27%2cLastDeviceId%3d%274%27`;
const threePages = {
  [`${BASE}?$top=2`]: { '@odata.count': 2, value: [{ id: '1' }, { id: '2' }], '@odata.nextLink': next1 },
  [next1]: { value: [{ id: '3' }, { id: '4' }], '@odata.nextLink': next2 },
  [next2]: { value: [{ id: '5' }] },
};

async function collect<T>(iterable: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of iterable) out.push(page);
  return out;
}

describe('pages', () => {
  it('follows nextLink verbatim across three pages', async () => {
    const source = fakeSource(threePages);
    const result = await collect(pages<{ id: string }>(source, `${BASE}?$top=2`));
    expect(result.map((p) => p.map((d) => d.id))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(source.requested).toEqual([`${BASE}?$top=2`, next1, next2]);
  });

  it('works the same without prefetch', async () => {
    const source = fakeSource(threePages);
    const result = await collect(pages(source, `${BASE}?$top=2`, undefined, { prefetch: false }));
    expect(result.flat()).toHaveLength(5);
  });

  it('accepts an empty page followed by more', async () => {
    const source = fakeSource({ [BASE]: { value: [], '@odata.nextLink': next1 }, [next1]: { value: [{ id: 'x' }] } });
    expect(await collect(pages(source, BASE))).toEqual([[], [{ id: 'x' }]]);
  });

  it('fails clearly on a malformed page', async () => {
    const source = fakeSource({ [BASE]: { value: [{ id: '1' }], '@odata.nextLink': next1 }, [next1]: { value: { id: 'oops' } } });
    const iterator = pages(source, BASE);
    await expect(collect(iterator)).rejects.toThrow('"value" is not an array');
  });

  it('refuses a nextLink on a foreign host before requesting it', async () => {
    const source = fakeSource({ [BASE]: { value: [{ id: '1' }], '@odata.nextLink': 'https://evil.example/v1.0/x?$skiptoken=a' } });
    const error = await collect(pages(source, BASE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).reason).toBe('foreign_next_link');
    expect((error as GraphError).message).toContain(
      '"@odata.nextLink" points to https://evil.example, not https://graph.example.test; refusing to send the token there',
    );
    expect(source.requested).toEqual([BASE]);
  });

  it('stops requesting when the caller stops early', async () => {
    const source = fakeSource(threePages);
    for await (const page of pages(source, `${BASE}?$top=2`)) {
      expect(page).toHaveLength(2);
      break;
    }
    expect(source.requested.length).toBeLessThanOrEqual(2);
  });
});

describe('pageProblem', () => {
  it.each([
    [[], 'the body is not a JSON object'],
    [{ value: 'x' }, '"value" is not an array'],
    [{ value: [], '@odata.nextLink': 5 }, '"@odata.nextLink" is not a string'],
    [{ value: [] }, undefined],
    [{ value: [], '@odata.nextLink': null }, undefined],
  ])('%j → %s', (body, expected) => {
    expect(pageProblem(body)).toBe(expected);
  });
});
