import type { RunProgressDto, RunSummary } from '@intune-assets/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RunHistory } from '../../jobs/run-history.js';
import type { RunManager } from '../../jobs/run-manager.js';

/**
 * Server-sent events of one run. Events of a run executed by this process arrive through the RunManager; the run
 * row is re-read every `pollMs` as well, which is how a run executed by another process (`serve --workers-only`)
 * is followed, and what ends the stream when the run finishes. The stream closes when the client goes away.
 */
export function streamRunEvents(input: {
  request: FastifyRequest;
  reply: FastifyReply;
  runId: string;
  manager: Pick<RunManager, 'subscribe'>;
  history: Pick<RunHistory, 'detail'>;
  pollMs: number;
}): void {
  const { request, reply, runId, manager, history, pollMs } = input;
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
    // Reverse proxies (nginx) buffer responses unless told not to, which would hold progress back.
    'x-accel-buffering': 'no',
  });
  let isClosed = false;
  let lastProgress = '';
  const write = (event: 'progress' | 'finished', data: RunProgressDto | RunSummary): void => {
    if (isClosed) return;
    const text = JSON.stringify(data);
    if (event === 'progress') {
      if (text === lastProgress) return;
      lastProgress = text;
    }
    raw.write(`event: ${event}\ndata: ${text}\n\n`);
  };
  const close = (): void => {
    if (isClosed) return;
    isClosed = true;
    clearInterval(timer);
    unsubscribe();
    raw.end();
  };
  const check = async (): Promise<void> => {
    const { run } = await history.detail(runId);
    if (run.status === 'queued' || run.status === 'running') {
      if (run.progress !== null) write('progress', run.progress);
      return;
    }
    write('finished', run);
    close();
  };
  const poll = (): void => {
    check().catch((error: unknown) => {
      request.log.warn({ err: error, runId }, 'run event stream stopped');
      close();
    });
  };
  const unsubscribe = manager.subscribe(runId, (event) => {
    if (event.type === 'progress') write('progress', event.progress);
    else poll();
  });
  const timer = setInterval(poll, pollMs);
  // The response's close, not the request's: a GET's request stream closes once its (empty) body is read.
  raw.on('close', close);
  poll();
}
