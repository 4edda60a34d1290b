import { describe, expect, test } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { checkConnection, validateConnection } from './validate-connection.js';

const required = {
  name: 'Contoso',
  tenantId: '0b5f2a7e-6c1d-4a43-9a58-2f3b1f6d9e11',
  clientId: 'c2d7e3f4-1a2b-4c5d-8e9f-0a1b2c3d4e5f',
  clientSecret: 'not-a-real-secret',
};

async function refusal(input: unknown): Promise<AppError> {
  try {
    await validateConnection(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the connection to be refused');
}

describe('validateConnection: the sync plan is compiled at save time', () => {
  test('a document with the default sync settings is valid', async () => {
    await expect(validateConnection(required)).resolves.toMatchObject({ name: 'Contoso', classification: { mode: 'deviceType' } });
  });

  test('a broken expression cannot be saved: input_invalid with the located issue, its code and span', async () => {
    const error = await refusal({ ...required, mapping: { fields: { name: { expression: "COALESCE(DevceName, 'x')" } } } });
    expect(error.code).toBe('input_invalid');
    expect(error.message).toContain("mapping.fields.name.expression: unknown_field at 1:10: unknown field 'DevceName'");
    expect(error.details).toEqual({
      issues: [{
        path: 'mapping.fields.name.expression',
        code: 'unknown_field',
        span: { start: 9, end: 18 },
        message: "unknown_field at 1:10: unknown field 'DevceName'; did you mean 'deviceName'?",
      }],
    });
  });

  test('schedule and plan issues are reported together', async () => {
    const error = await refusal({ ...required, schedule: 'every day', filters: { condition: 'Nope' } });
    const issues = (error.details as { issues: Array<{ path: string }> }).issues;
    expect(issues.map((i) => i.path)).toEqual(['schedule', 'filters.condition']);
  });

  test('a schema failure still runs the other checks: a bad tenant GUID, a broken expression and a bad cron come back together', async () => {
    const error = await refusal({
      ...required,
      tenantId: 'contoso.onmicrosoft.com',
      schedule: 'every day',
      mapping: { fields: { name: { expression: "COALESCE(DevceName, 'x')" } } },
    });
    const issues = (error.details as { issues: Array<{ path: string; code?: string }> }).issues;
    expect(issues.map((i) => i.path)).toEqual(['tenantId', 'schedule', 'mapping.fields.name.expression']);
    expect(issues[2]?.code).toBe('unknown_field');
  });

  test('checks that read a part the schema refused are skipped, so defaults are never judged in its place', async () => {
    const requiredFieldIssues = async (): Promise<{ path: string; message: string }[]> => [{ path: 'mapping.fields.category.RAM.expression', message: 'required' }];
    // why: a fixed register answer; a bad graphApiVersion would check expressions against the wrong field list, a bad mapping hides the required-field check.
    const checked = await checkConnection(
      { ...required, graphApiVersion: 'v2', schedule: '61 * * * *', mapping: { fields: 'name' }, filters: { condition: 'Nope' } },
      { requiredFieldIssues },
    );
    expect(checked.ok).toBe(false);
    expect(checked.document).toBeNull();
    expect(checked.ok ? [] : checked.issues.map((i) => i.path)).toEqual(['graphApiVersion', 'mapping.fields', 'schedule']);
  });

  test('the register check runs beside a schema failure when its parts parsed, and not when the document is not an object', async () => {
    // why: the register's categories are ConnectionService's business; a fixed answer shows the check is consulted.
    const requiredFieldIssues = async (): Promise<{ path: string; message: string }[]> => [{ path: 'mapping.fields.category.RAM.expression', message: 'required' }];
    const checked = await checkConnection({ ...required, clientId: 'nope', unknownKey: 1 }, { requiredFieldIssues });
    expect(checked.ok ? [] : checked.issues.map((i) => i.path)).toEqual(['clientId', 'unknownKey', 'mapping.fields.category.RAM.expression']);
    const notObject = await checkConnection('a string', { requiredFieldIssues });
    expect(notObject.ok ? [] : notObject.issues.map((i) => i.path)).toEqual(['(document)']);
  });
});
