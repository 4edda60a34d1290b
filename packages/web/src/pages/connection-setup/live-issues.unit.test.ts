import { describe, expect, it } from 'vitest';
import { liveIssues, valueAtPath } from './live-issues.js';

const doc = {
  tenantId: 'nope',
  classification: { rules: [{ category: 'A', condition: "x = 'a'" }, { category: 'B', condition: 'broken(' }] },
  mapping: { fields: { 'category.RAM': { expression: 'Modl' }, category: { expression: "'x'" }, imei: null } },
  filters: { platforms: ['Windows', ''] },
};

describe('valueAtPath', () => {
  it.each([
    ['tenantId', 'nope'],
    ['classification.rules[1].condition', 'broken('],
    ['mapping.fields.category.RAM.expression', 'Modl'],
    ['mapping.fields.category.expression', "'x'"],
    ['mapping.fields.imei', null],
    ['filters.platforms[1]', ''],
    ['filters.platforms[7]', undefined],
    ['nothing.here', undefined],
    ['tenantId.deeper', undefined],
  ])('%s', (path, value) => {
    expect(valueAtPath(doc, path)).toEqual(value);
  });
});

describe('liveIssues', () => {
  const issues = [
    { path: 'tenantId', message: 'must be a GUID' },
    { path: 'mapping.fields.category.RAM.expression', message: "unknown field 'Modl'" },
    { path: '(document)', message: 'whole document' },
    { path: 'classification.rules[1].condition', message: 'does not parse' },
  ];

  it('keeps every issue while nothing changed', () => {
    expect(liveIssues(issues, doc, structuredClone(doc))).toEqual(issues);
  });

  it('drops the issue of a field once its value changes, and keeps the others', () => {
    const edited = structuredClone(doc);
    edited.mapping.fields['category.RAM'] = { expression: 'Model' };
    edited.tenantId = 'still wrong';
    expect(liveIssues(issues, doc, edited).map((i) => i.path)).toEqual(['(document)', 'classification.rules[1].condition']);
  });
});
