import { describe, expect, it } from 'vitest';
import { unresolvedFailures } from './unresolved-failures.js';

const run = (id: string, connectionId: string, status: string, finishedAt: string | null, queuedAt = '2026-11-01T00:00:00Z') => ({ id, connectionId, status, queuedAt, finishedAt });

describe('unresolvedFailures', () => {
  it('drops a connection failure that a later successful run fixed, keeps failures after the last success', () => {
    const runs = [
      run('a3', 'A', 'failed', '2026-11-03T10:00:00Z'),
      run('a2', 'A', 'succeeded', '2026-11-02T10:00:00Z'),
      run('a1', 'A', 'failed', '2026-11-01T10:00:00Z'),
      run('b1', 'B', 'failed', '2026-11-02T12:00:00Z'),
    ];
    expect(unresolvedFailures(runs).map((r) => r.id)).toEqual(['a3', 'b1']);
  });

  it("one connection's success does not hide another's failure", () => {
    const runs = [run('b2', 'B', 'succeeded', '2026-11-05T00:00:00Z'), run('a1', 'A', 'failed', '2026-11-01T00:00:00Z')];
    expect(unresolvedFailures(runs).map((r) => r.id)).toEqual(['a1']);
  });

  it('uses the queue time of a run that never finished, in any input order', () => {
    const runs = [
      run('a1', 'A', 'failed', null, '2026-11-01T00:00:00Z'),
      run('a2', 'A', 'succeeded', '2026-11-02T00:00:00Z'),
      run('a0', 'A', 'partial', '2026-11-03T00:00:00Z'),
    ];
    expect(unresolvedFailures(runs)).toEqual([]);
  });
});
