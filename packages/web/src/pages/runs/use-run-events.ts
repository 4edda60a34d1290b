import { useEffect, useState } from 'react';
import { runsApi } from '../../api/runs.js';
import type { RunProgress, RunSummary } from '../../api/runs.js';

export interface RunEvents {
  readonly progress: RunProgress | null;
  /** Set when the run ends (from `event: finished` or a poll); the page then loads the report. */
  readonly finished: RunSummary | null;
  readonly transport: 'events' | 'polling';
}

const POLL_MS = 2000;

/**
 * Live progress of a running run: the server-sent events of `/runs/:id/events`, falling back to polling
 * `GET /runs/:id` when the stream fails (a proxy that buffers SSE, a server without the route).
 */
export function useRunEvents(runId: string, initial: RunProgress | null, enabled: boolean): RunEvents {
  const [progress, setProgress] = useState<RunProgress | null>(initial);
  const [finished, setFinished] = useState<RunSummary | null>(null);
  const [transport, setTransport] = useState<'events' | 'polling'>('events');

  useEffect(() => {
    if (!enabled) return;
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const controller = new AbortController();

    const poll = () => {
      runsApi.get(runId, controller.signal).then(
        ({ run }) => {
          if (closed) return;
          if (run.progress !== null) setProgress(run.progress);
          if (run.status !== 'queued' && run.status !== 'running') setFinished(run);
          else timer = setTimeout(poll, POLL_MS);
        },
        () => { if (!closed) timer = setTimeout(poll, POLL_MS * 2); },
      );
    };

    if (typeof EventSource === 'undefined') {
      setTransport('polling');
      poll();
      return () => { closed = true; controller.abort(); if (timer !== null) clearTimeout(timer); };
    }

    const source = new EventSource(runsApi.eventsUrl(runId));
    source.addEventListener('progress', (event) => {
      const data = parse(event);
      if (data !== null) setProgress(data as RunProgress);
    });
    source.addEventListener('finished', (event) => {
      const data = parse(event);
      source.close();
      if (data !== null) setFinished(data as RunSummary);
      else poll();
    });
    source.onerror = () => {
      // EventSource retries on its own forever; one poll loop is cheaper and also sees the end of the run.
      if (closed || source.readyState === EventSource.OPEN) return;
      source.close();
      setTransport('polling');
      poll();
    };
    return () => {
      closed = true;
      source.close();
      controller.abort();
      if (timer !== null) clearTimeout(timer);
    };
  }, [runId, enabled]);

  return { progress, finished, transport };
}

function parse(event: Event): unknown {
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return null;
  try {
    return JSON.parse(event.data) as unknown;
  } catch {
    return null;
  }
}
