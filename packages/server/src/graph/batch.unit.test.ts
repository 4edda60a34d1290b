import { describe, expect, it } from 'vitest';
import { executeBatch } from './batch.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import type { BatchTransport } from './batch.js';
import type { Clock } from './clock.js';
import type { RetryEvent } from './http.js';

interface SentBatch {
  cost: number | undefined;
  ids: string[];
}

// why: a scripted $batch endpoint lets the test decide per item and per round what Graph answers (429 with
// its own retry-after, 403, success) and records what was re-sent, without a server.
function fakeTransport(answer: (id: string, round: number) => { status: number; headers?: Record<string, string>; body?: unknown }) {
  const sent: SentBatch[] = [];
  const sleeps: number[] = [];
  const events: RetryEvent[] = [];
  const rounds = new Map<string, number>();
  const clock: Clock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
  const transport: BatchTransport = {
    clock,
    policy: { ...DEFAULT_RETRY_POLICY, random: () => 0.5 },
    reportRetry: (event) => void events.push(event),
    async postJson(_url, body, options) {
      const requests = (body as { requests: Array<{ id: string; url: string }> }).requests;
      sent.push({ cost: options?.cost, ids: requests.map((r) => r.id) });
      const responses = requests.map((r) => {
        const round = (rounds.get(r.id) ?? 0) + 1;
        rounds.set(r.id, round);
        return { id: r.id, ...answer(r.id, round) };
      });
      return { status: 200, headers: {}, body: { responses: responses.reverse() } };
    },
  };
  return { transport, sent, sleeps, events };
}

const requests = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `/deviceManagement/managedDevices/d${i}?$select=id,udid` }));

describe('executeBatch', () => {
  it('splits into batches of 20 charged at their size and returns results in input order', async () => {
    const { transport, sent } = fakeTransport((id) => ({ status: 200, body: { id: `d${id}` } }));
    const results = await executeBatch(transport, requests(45), { batchUrl: 'https://g/v1.0/$batch', concurrency: 1 });
    expect(sent.map((s) => s.cost)).toEqual([20, 20, 5]);
    expect(results.map((r) => (r.ok ? (r.body as { id: string }).id : 'error'))).toEqual(Array.from({ length: 45 }, (_, i) => `d${i}`));
  });

  it('re-sends only throttled items, after the largest per-item retry-after', async () => {
    const { transport, sent, sleeps } = fakeTransport((id, round) => {
      if (round === 1 && id === '1') return { status: 429, headers: { 'Retry-After': '2' } };
      if (round === 1 && id === '3') return { status: 429, headers: { 'retry-after': '5.5' } };
      return { status: 200, body: { id } };
    });
    const results = await executeBatch(transport, requests(4), { batchUrl: 'https://g/v1.0/$batch' });
    expect(sent.map((s) => s.ids)).toEqual([['0', '1', '2', '3'], ['1', '3']]);
    expect(sent[1]?.cost).toBe(2);
    expect(sleeps).toEqual([5500]);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('fails one item with an admin message and keeps the others', async () => {
    const { transport, events } = fakeTransport((id) =>
      id === '2' ? { status: 403, body: { error: { code: 'Forbidden', message: 'Missing role' } } } : { status: 200, body: {} },
    );
    const results = await executeBatch(transport, requests(3), { batchUrl: 'https://g/v1.0/$batch', permission: 'DeviceManagementManagedDevices.Read.All' });
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    const failed = results[2];
    expect(failed?.ok === false && failed.error.message).toContain('grant DeviceManagementManagedDevices.Read.All (application) and admin consent');
    expect(events.map((e) => e.decision.reason)).toEqual(['forbidden']);
  });

  it('gives up on an item that stays throttled', async () => {
    const { transport, sent } = fakeTransport(() => ({ status: 429 }));
    const [result] = await executeBatch(transport, requests(1), { batchUrl: 'https://g/v1.0/$batch' });
    expect(sent).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(result?.ok === false && result.error.reason).toBe('throttled_retries_exhausted');
  });

  it('returns an empty list for no requests', async () => {
    const { transport, sent } = fakeTransport(() => ({ status: 200 }));
    expect(await executeBatch(transport, [], { batchUrl: 'https://g/v1.0/$batch' })).toEqual([]);
    expect(sent).toEqual([]);
  });
});
