import type { RunSummary } from '@intune-assets/contracts';
import Fastify from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import type { RunListener } from '../../jobs/run-manager.js';
import { streamRunEvents } from './runs-events.js';

const running: RunSummary = {
  id: 'r1', connection: 'C', connectionId: 'c1', status: 'running', dryRun: false, trigger: 'manual', queuedAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:01.000Z', finishedAt: null, durationMs: null, counts: null,
  progress: { stage: 'fetch', devicesDone: 0, devicesFetched: 0, devicesTotal: null }, error: null,
};

describe('run event stream over a real socket', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  test('in-process events are pushed as they happen; a client that goes away unsubscribes and stops the polling', async () => {
    // why fakes: this test is about the socket (push, disconnect), not about where runs come from (runs.integration.test.ts).
    const listeners = new Set<RunListener>();
    let reads = 0;
    const manager = {
      subscribe: (_runId: string, listener: RunListener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const history = {
      detail: () => {
        reads += 1;
        return Promise.resolve({ run: running, report: null });
      },
    };
    const server = Fastify();
    server.get('/events', (request, reply) => {
      streamRunEvents({ request, reply, runId: 'r1', manager, history, pollMs: 20 });
    });
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => server.close());

    const abort = new AbortController();
    const response = await fetch(`${address}/events`, { signal: abort.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(chunk.value);
      }
    };
    await readUntil('"stage":"fetch"');
    expect(listeners.size).toBe(1);
    for (const listener of listeners) listener({ type: 'progress', progress: { stage: 'write', devicesDone: 50, devicesFetched: 100, devicesTotal: null } });
    await readUntil('"stage":"write"');
    expect(text).toContain('event: progress\ndata: {"stage":"write","devicesDone":50,"devicesFetched":100,"devicesTotal":null}\n\n');

    abort.abort();
    await reader.cancel().catch(() => undefined);
    const deadline = Date.now() + 2000;
    while (listeners.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(listeners.size).toBe(0);
    const readsAfterClose = reads;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBe(readsAfterClose);
  });
});
