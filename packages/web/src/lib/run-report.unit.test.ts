import { describe, expect, it } from 'vitest';
import { reportReasons, toRunReport } from './run-report.js';

describe('toRunReport', () => {
  it('is null without a report', () => {
    expect(toRunReport(null)).toBeNull();
    expect(toRunReport('text')).toBeNull();
    expect(toRunReport([])).toBeNull();
  });

  it('reads a full report and keeps the diff of a dry run', () => {
    const report = toRunReport({
      status: 'partial', dryRun: true, durationMs: 1200, counts: { created: 1, skipped: { personal_device: 2 } },
      errors: [{ deviceId: 'd9', stage: 'map', code: 'division_by_zero', message: 'boom' }], errorsOmitted: 0,
      stages: { fetch: { ms: 100, devices: 3 } }, graph: { requests: 2, requestsPerDevice: 0.5 }, notices: ['n1'], fetchComplete: true,
      diff: [{ deviceId: 'd1', deviceName: 'PC', action: 'update', changes: [{ field: 'model', old: 'a', new: 'b' }] }],
    });
    expect(report?.errors).toHaveLength(1);
    expect(report?.stages.fetch).toEqual({ ms: 100, devices: 3 });
    expect(report?.diff).toEqual([{ deviceId: 'd1', deviceName: 'PC', action: 'update', changes: [{ field: 'model', old: 'a', new: 'b' }] }]);
    expect(report === null ? [] : reportReasons(report)).toEqual(['personal_device']);
  });

  it('turns missing or malformed parts into empty values instead of failing', () => {
    const report = toRunReport({ status: 'failed', errors: [null, 3], stages: { fetch: 'x' }, notices: ['ok', 5], diff: [{ action: 'create' }] });
    expect(report).toMatchObject({ status: 'failed', dryRun: false, durationMs: 0, errors: [], stages: {}, notices: ['ok'], fetchComplete: true, diff: [] });
    expect(report?.graph).toEqual({ requests: 0, requestsPerDevice: 0 });
  });
});
