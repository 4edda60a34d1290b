import { describe, expect, test } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { validateConnection } from './validate-connection.js';

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
});
