import { afterEach, describe, expect, it } from 'vitest';
import { exprCommand } from './expr.js';

async function run(args: readonly string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  // why: capture the command's output in memory instead of the test runner's real stdout/stderr.
  const command = exprCommand({ out: (t) => (out += t), err: (t) => (err += t) }).exitOverride();
  process.exitCode = 0;
  await command.parseAsync([...args], { from: 'user' });
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, exitCode };
}

afterEach(() => {
  process.exitCode = 0;
});

describe('intune-assets expr', () => {
  it('prints the value as JSON', async () => {
    const res = await run(['PhysicalMemoryBytes / 1073741824.0', '--record', '{"physicalMemoryInBytes": 17179869184}']);
    expect(res).toEqual({ out: '16\n', err: '', exitCode: 0 });
  });

  it('accepts record keys written as in expressions', async () => {
    const res = await run(["COALESCE(SerialNumber, IMEI, 'none')", '--record', '{"IMEI": "3520", "SERIALNUMBER": null}']);
    expect(res.out).toBe('"3520"\n');
  });

  it('evaluates without a record (every field NULL)', async () => {
    const res = await run(["UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))"]);
    expect(res.out).toBe('"UNKNOWN"\n');
  });

  it('converts datetime fields and prints dates as ISO strings', async () => {
    const res = await run(['DATEADD(day, 1, LastSyncDateTime)', '--record', '{"lastSyncDateTime": "2024-05-01T08:00:00Z"}']);
    expect(res.out).toBe('"2024-05-02T08:00:00.000Z"\n');
  });

  it('prints check errors with code, position and carets, exit code 1', async () => {
    const res = await run(['UPPER(DevceName)']);
    expect(res.exitCode).toBe(1);
    expect(res.out).toBe('');
    expect(res.err).toBe("error[unknown_field] at 1:7: unknown field 'DevceName'; did you mean 'deviceName'?\n  UPPER(DevceName)\n        ^^^^^^^^^\n");
  });

  it('prints parse and runtime errors the same way', async () => {
    expect((await run(["'abc"])).err).toContain('error[unterminated_string] at 1:1');
    const runtime = await run(['1 / 0']);
    expect(runtime.exitCode).toBe(1);
    expect(runtime.err).toContain('error[division_by_zero]');
  });

  it.each([
    ['not json', 'is not valid JSON'],
    ['[1, 2]', 'must be a JSON object'],
    ['null', 'must be a JSON object'],
    ['"text"', 'must be a JSON object'],
  ])('rejects --record %s', async (record, message) => {
    const res = await run(['1', '--record', record]);
    expect(res.exitCode).toBe(1);
    expect(res.err).toContain('error[invalid_record]');
    expect(res.err).toContain(message);
  });
});
