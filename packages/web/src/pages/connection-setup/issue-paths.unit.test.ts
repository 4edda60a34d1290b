import { describe, expect, it } from 'vitest';
import { newConnectionForm } from './form-state.js';
import { fieldId, issueTarget, issuesByField } from './issue-paths.js';
import type { ConnectionForm } from './form-state.js';

function form(): ConnectionForm {
  const base = newConnectionForm();
  return {
    ...base,
    mapping: [
      ...base.mapping,
      { key: 'a', target: 'category', expression: "'x'", sourceOfTruth: 'intune' },
      { key: 'b', target: 'category.RAM', expression: 'PhysicalMemoryBytes', sourceOfTruth: 'intune' },
    ],
    classification: {
      ...base.classification,
      categoryDefaults: [
        { key: 'c', category: 'Laptop', condition: '', subStatus: '', site: '', location: '', store: '' },
        { key: 'd', category: 'Laptop.Pro', condition: '', subStatus: '', site: 'x', location: '', store: '' },
      ],
    },
  };
}

describe('issueTarget', () => {
  const f = form();
  const nameIndex = f.mapping.findIndex((r) => r.target === 'name');
  const ramIndex = f.mapping.findIndex((r) => r.target === 'category.RAM');

  it.each([
    ['tenantId', fieldId('tenantId'), 'configuration'],
    ['enabledForInstances[0]', fieldId('enabledForInstances'), 'configuration'],
    ['selectedFields[4]', fieldId('selectedFields'), 'fields-selection'],
    ['classification.rules[2].condition', 'cs-classification-rules-2-condition', 'category-mapping'],
    ['classification.rules[0].category', 'cs-classification-rules-0-category', 'category-mapping'],
    ['classification.rules', null, 'category-mapping'],
    ['classification.category', 'cs-classification-category', 'category-mapping'],
    ['classification.deviceTypeCategories.laptop', 'cs-classification-deviceTypeCategories-laptop', 'category-mapping'],
    ['classification.categoryDefaults.Laptop.Pro.store.location', 'cs-classification-categoryDefaults-1-location', 'category-mapping'],
    ['classification.categoryDefaults.Laptop.subStatus', 'cs-classification-categoryDefaults-0-subStatus', 'category-mapping'],
    ['mapping.fields.name.expression', `cs-mapping-${nameIndex}-expression`, 'key-field-mapping'],
    ['mapping.fields.category.RAM.expression', `cs-mapping-${ramIndex}-expression`, 'key-field-mapping'],
    ['mapping.fields.category.RAM.sourceOfTruth', `cs-mapping-${ramIndex}-sourceOfTruth`, 'key-field-mapping'],
    ['mapping.fields.memoryGb.expression', null, 'key-field-mapping'],
    ['filters.platforms[1]', 'cs-filters-platforms', 'filters'],
    ['filters.groupIds[0]', 'cs-filters-groupIds', 'filters'],
    ['filters.condition', 'cs-filters-condition', 'filters'],
    ['deviceTypes.rules[3].model', 'cs-deviceTypes-rules-3-model', 'filters'],
    ['deviceTypes.rules[3]', 'cs-deviceTypes-rules-3-type', 'filters'],
    ['defaults.store.site', 'cs-defaults-store-site', 'default-settings'],
    ['matching.field', 'cs-matching-field', 'default-settings'],
    ['allocation.subStatus', 'cs-allocation-subStatus', 'auto-allocation'],
    ['lifecycle.inactiveAfterDays', 'cs-lifecycle-inactiveAfterDays', 'statuses'],
    ['schedule', 'cs-schedule', 'scheduler'],
    ['filters.typo, filters.other', 'cs-filters-typo', 'filters'],
    ['(document)', null, 'configuration'],
  ])('%s → %s in %s', (path, id, section) => {
    expect(issueTarget({ path, message: 'bad' }, f)).toEqual({ fieldId: id, section });
  });

  it('groups issues by input and leaves out those without one', () => {
    const grouped = issuesByField([
      { path: 'tenantId', message: 'must be a GUID' },
      { path: 'tenantId', message: 'second' },
      { path: '(document)', message: 'broken' },
      { path: 'schedule', message: 'not a cron' },
    ], f);
    expect([...grouped.keys()]).toEqual(['cs-tenantId', 'cs-schedule']);
    expect(grouped.get('cs-tenantId')?.map((i) => i.message)).toEqual(['must be a GUID', 'second']);
  });

  it('makes ids safe for any target text', () => {
    expect(fieldId('mapping', 'category.Disk size (GB)', 'expression')).toBe('cs-mapping-category_Disk_size__GB_-expression');
  });
});
