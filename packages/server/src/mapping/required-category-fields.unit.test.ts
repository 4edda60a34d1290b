import { describe, expect, test } from 'vitest';
import { reachableCategories, requiredCategoryFieldIssues } from './required-category-fields.js';
import { settingsWith } from './testing/plan-for.js';

const LAPTOP_NEEDS_RAM = [{ name: 'Laptop', requiredFields: ['RAM'] }, { name: 'Printer', requiredFields: ['Toner'] }];

describe('required category fields (SPEC §4.6)', () => {
  test('reachable categories follow the classification mode', () => {
    expect(reachableCategories(settingsWith().classification)).toEqual(['Laptop', 'Desktop', 'Tablet', 'Mobile Phone', 'Virtual Machine']);
    expect(reachableCategories(settingsWith({ classification: { mode: 'single', category: 'Computers' } }).classification)).toEqual(['Computers']);
    const rules = settingsWith({ classification: { mode: 'rules', rules: [{ category: 'Phones', condition: "OperatingSystem = 'iOS'" }, { category: 'phones', condition: 'TRUE' }], fallback: 'Other' } });
    expect(reachableCategories(rules.classification)).toEqual(['phones', 'Other']);
    expect(reachableCategories(settingsWith({ classification: { mode: 'field', field: 'deviceCategoryDisplayName' } }).classification)).toEqual([]);
  });

  test('an unmapped required field of a reachable category is an issue naming the field and the category', () => {
    expect(requiredCategoryFieldIssues(settingsWith(), LAPTOP_NEEDS_RAM)).toEqual([{
      path: 'mapping.fields.category.RAM.expression',
      code: 'required_field_unmapped',
      message: 'required by category "Laptop": map category.RAM (field "RAM" is required)',
    }]);
  });

  test('a mapping (any case) satisfies it; a null entry or unreachable category does not count', () => {
    const mapped = settingsWith({ mapping: { fields: { 'category.ram': { expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)' } } } });
    expect(requiredCategoryFieldIssues(mapped, LAPTOP_NEEDS_RAM)).toEqual([]);
    const single = settingsWith({ classification: { mode: 'single', category: 'Tablet' } });
    expect(requiredCategoryFieldIssues(single, LAPTOP_NEEDS_RAM)).toEqual([]);
  });

  test('one issue per field even when several categories require it', () => {
    const issues = requiredCategoryFieldIssues(settingsWith(), [{ name: 'Laptop', requiredFields: ['RAM'] }, { name: 'desktop', requiredFields: ['ram'] }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe('required by category "Laptop", "desktop": map category.RAM (field "RAM" is required)');
  });
});
