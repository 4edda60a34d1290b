import { CATEGORY_TARGET_PREFIX } from '@intune-assets/contracts';
import type { ConnectionSettings, FieldIssue } from '@intune-assets/contracts';

/** A register category as the check needs it: its name and the names of its required fields. */
export interface CategoryRequirements {
  readonly name: string;
  readonly requiredFields: readonly string[];
}

/**
 * The categories a connection's classification can put devices in: the device types' categories, the single
 * category, or the rules' categories and the fallback. Mode `field` takes names from device data, so only its
 * fallback is known in advance.
 */
export function reachableCategories(classification: ConnectionSettings['classification']): string[] {
  const names: string[] = [];
  switch (classification.mode) {
    case 'deviceType':
      names.push(...Object.values(classification.deviceTypeCategories));
      break;
    case 'single':
      if (classification.category !== null) names.push(classification.category);
      break;
    case 'rules':
      names.push(...classification.rules.map((r) => r.category));
      break;
    case 'field':
      break;
  }
  if ((classification.mode === 'rules' || classification.mode === 'field') && classification.fallback !== null) names.push(classification.fallback);
  return [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
}

/**
 * SPEC §4.6: a required field of a category the connection can fill must have a mapping (`category.<Field>`),
 * or the configuration cannot be saved. Category and field names compare without regard to case, as the register
 * matches them.
 *
 * @example
 * requiredCategoryFieldIssues(settings, [{ name: 'Laptop', requiredFields: ['RAM'] }]);
 * // [{ path: 'mapping.fields.category.RAM.expression', code: 'required_field_unmapped', message: '…' }]
 */
export function requiredCategoryFieldIssues(settings: ConnectionSettings, categories: readonly CategoryRequirements[]): FieldIssue[] {
  const mapped = new Set(
    Object.entries(settings.mapping.fields)
      .filter(([target, entry]) => target.startsWith(CATEGORY_TARGET_PREFIX) && entry !== null && entry.expression !== undefined)
      .map(([target]) => target.slice(CATEGORY_TARGET_PREFIX.length).toLowerCase()),
  );
  const byName = new Map(categories.map((c) => [c.name.toLowerCase(), c]));
  const missing = new Map<string, string[]>();
  for (const name of reachableCategories(settings.classification)) {
    const category = byName.get(name.toLowerCase());
    for (const field of category?.requiredFields ?? []) {
      if (mapped.has(field.toLowerCase())) continue;
      const key = field.toLowerCase();
      missing.set(key, [...(missing.get(key) ?? [field]), category?.name ?? name]);
    }
  }
  return [...missing.values()].map(([field, ...owners]) => ({
    path: `mapping.fields.${CATEGORY_TARGET_PREFIX}${field}.expression`,
    code: 'required_field_unmapped',
    message: `required by category ${owners.map((o) => `"${o}"`).join(', ')}: map ${CATEGORY_TARGET_PREFIX}${field} (field "${field}" is required)`,
  }));
}
