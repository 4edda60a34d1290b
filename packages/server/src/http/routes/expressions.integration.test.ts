import type { ExpressionCheck } from '@intune-assets/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApi } from '../testing/api-harness.js';
import type { TestApi, TestClient } from '../testing/api-harness.js';
import { expressionRoutes } from './expressions.js';

interface ErrorBody {
  error: { code: string; details?: { issues?: Array<{ path: string; code?: string; span?: { start: number; end: number } }> } };
}

describe('expression routes', () => {
  let api: TestApi;
  let viewer: TestClient;

  beforeAll(async () => {
    api = await createTestApi({ title: 'expression routes', routes: [expressionRoutes()] });
    viewer = await api.signIn('viewer');
  });
  afterAll(async () => {
    await api.close();
  });

  test('check: ok with the inferred type, or issues with code and span', async () => {
    const ok = await viewer.post('/api/v1/expressions/check', { expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)', kind: 'transform' });
    expect(ok.json<ExpressionCheck>()).toEqual({ ok: true, type: 'number', fieldsUsed: ['physicalMemoryInBytes'], issues: [] });
    const broken = await viewer.post('/api/v1/expressions/check', { expression: "Modle LIKE '%XPS%'", kind: 'condition' });
    expect(broken.json<ExpressionCheck>()).toMatchObject({ ok: false, issues: [{ path: 'expression', code: 'unknown_field', span: { start: 0, end: 5 } }] });
    const notCondition = await viewer.post('/api/v1/expressions/check', { expression: 'UPPER(Model)', kind: 'condition' });
    expect(notCondition.json<ExpressionCheck>()).toMatchObject({ ok: false, type: 'text', issues: [{ code: 'not_a_condition' }] });
    const beta = await viewer.post('/api/v1/expressions/check', { expression: 'ChassisType', kind: 'transform', graphApiVersion: 'beta', selectedFields: ['chassisType'] });
    expect(beta.json<ExpressionCheck>()).toMatchObject({ ok: true });
  });

  test('check: a bad kind is a 422 naming `kind`', async () => {
    const response = await viewer.post('/api/v1/expressions/check', { expression: 'Model', kind: 'rule' });
    expect(response.status).toBe(422);
    expect(response.json<ErrorBody>().error.details?.issues).toContainEqual(expect.objectContaining({ path: 'kind' }));
  });

  test('evaluate: the value for a record, or 422 with the span', async () => {
    const value = await viewer.post('/api/v1/expressions/evaluate', { expression: "COALESCE(NULLIF(DeviceName, ''), ManagedDeviceName)", record: { deviceName: '', managedDeviceName: 'ana_Windows' } });
    expect(value.json()).toEqual({ value: 'ana_Windows' });
    const failing = await viewer.post('/api/v1/expressions/evaluate', { expression: 'TotalStorageBytes / 0', record: { totalStorageSpaceInBytes: 1 } });
    expect(failing.status).toBe(422);
    expect(failing.json<ErrorBody>().error).toMatchObject({ code: 'input_invalid', details: { issues: [{ path: 'expression', code: 'division_by_zero', span: expect.any(Object) }] } });
  });

  test('signed-out callers are refused', async () => {
    expect((await api.anonymous.post('/api/v1/expressions/check', { expression: 'Model', kind: 'transform' })).status).toBe(401);
    expect((await api.anonymous.post('/api/v1/expressions/evaluate', { expression: 'Model', record: {} })).status).toBe(401);
  });
});
