/** The minimum of a run the dashboard's failure list needs. */
export interface RunLike {
  readonly connectionId: string;
  readonly status: string;
  readonly queuedAt: string;
  readonly finishedAt: string | null;
}

function endedAt(run: RunLike): number {
  return Date.parse(run.finishedAt ?? run.queuedAt);
}

/**
 * Failed runs that still need attention: a connection's failures newer than its last successful run (a later
 * success shows the problem was fixed). `runs` mixes failed and succeeded runs, any order; the answer keeps
 * the input order of the failures.
 */
export function unresolvedFailures<T extends RunLike>(runs: readonly T[]): T[] {
  const lastSuccess = new Map<string, number>();
  for (const run of runs) {
    if (run.status !== 'succeeded') continue;
    lastSuccess.set(run.connectionId, Math.max(lastSuccess.get(run.connectionId) ?? -Infinity, endedAt(run)));
  }
  return runs.filter((run) => run.status === 'failed' && endedAt(run) > (lastSuccess.get(run.connectionId) ?? -Infinity));
}
