import { useEffect, useState } from 'react';
import { TextField, errorMessage } from '../../components/index.js';
import { ApiError } from '../../api/client.js';
import { describeCron } from './cron-description.js';
import { fieldId } from './issue-paths.js';
import type { SetupSectionProps } from './section-props.js';
import { setupApi } from './setup-api.js';

const DEBOUNCE_MS = 500;

type NextRuns =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ok'; readonly runs: readonly string[] }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'zone'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly message: string };

/** Scheduler: cron with a sentence for common patterns, the next five runs from the server, and the debounce. */
export function SchedulerSection({ form, update, errorFor }: SetupSectionProps) {
  const cron = form.schedule;
  const timezone = form.scheduleTimezone.trim();
  const [next, setNext] = useState<NextRuns>({ kind: 'idle' });
  useEffect(() => {
    if (cron.trim() === '') { setNext({ kind: 'invalid', message: 'enter a cron expression' }); return undefined; }
    let cancelled = false;
    const timer = setTimeout(() => {
      setupApi.schedulePreview(cron.trim(), timezone === '' ? undefined : timezone).then(
        (answer) => { if (!cancelled) setNext({ kind: 'ok', runs: answer.nextRuns }); },
        (error: unknown) => {
          if (cancelled) return;
          // Only a 422 says the cron is wrong; anything else (server down, older server) just means no preview.
          if (error instanceof ApiError && error.status === 422) {
            const zone = error.issues.find((i) => i.path === 'timezone');
            setNext(zone ? { kind: 'zone', message: zone.message } : { kind: 'invalid', message: error.issues.find((i) => i.path === 'cron')?.message ?? error.message });
          } else {
            setNext({ kind: 'unavailable', message: errorMessage(error) });
          }
        },
      );
    }, DEBOUNCE_MS);
    return () => { cancelled = true; clearTimeout(timer); };
  }, [cron, timezone]);
  const sentence = describeCron(cron);
  const error = next.kind === 'invalid' ? next.message : errorFor(fieldId('schedule'));
  return (
    <div className="stack">
      <div className="cs-grid">
        <TextField
          id={fieldId('schedule')} label="Schedule (cron)" className="mono" value={cron} spellCheck={false}
          onChange={(e) => update((f) => ({ ...f, schedule: e.target.value }))}
          hint={sentence ?? 'Custom schedule: minute hour day-of-month month day-of-week.'} error={error}
        />
        <TextField
          id={fieldId('scheduleTimezone')} label="Time zone" value={form.scheduleTimezone} spellCheck={false} placeholder="the server's"
          onChange={(e) => update((f) => ({ ...f, scheduleTimezone: e.target.value }))}
          hint="IANA name such as Europe/Paris or America/New_York; empty runs the schedule in the server's time zone."
          error={next.kind === 'zone' ? next.message : errorFor(fieldId('scheduleTimezone'))}
        />
        <TextField
          id={fieldId('syncNowDebounceMinutes')} label="Sync now debounce (minutes)" inputMode="numeric" value={form.syncNowDebounceMinutes}
          onChange={(e) => update((f) => ({ ...f, syncNowDebounceMinutes: e.target.value }))}
          error={errorFor(fieldId('syncNowDebounceMinutes'))} hint="Sync now is refused this long after the last run."
        />
      </div>
      {next.kind === 'unavailable' && <p className="small muted" role="status">The next runs could not be computed: {next.message}</p>}
      {next.kind === 'ok' && (
        <div>
          <h3 className="cs-subhead">Next runs</h3>
          <ol aria-label="Next runs" className="small">
            {next.runs.map((run) => <li key={run}><time dateTime={run}>{new Date(run).toLocaleString()}</time></li>)}
          </ol>
        </div>
      )}
    </div>
  );
}
