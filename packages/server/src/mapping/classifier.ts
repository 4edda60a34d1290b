import type { ClassificationSettings } from '@intune-assets/contracts';
import type { CompiledExpr } from '@intune-assets/expr';
import { isNoValue } from '../domain/no-value.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { DeviceType } from '../rules/device-type-rules.js';
import type { CategoryChoice, CategoryDefaultNames } from '../sync/plan.js';
import { deviceRecord } from './device-record.js';

export interface CategoryRule {
  readonly category: string;
  readonly condition: CompiledExpr;
}

export interface Classifier {
  classify(device: ManagedDevice, type: DeviceType | null): CategoryChoice | null;
  /** True when an ordered condition rule (not the fallback) picks a category: such devices are kept even when their type is unknown. */
  isCaughtByRule(device: ManagedDevice): boolean;
}

const NO_DEFAULTS: CategoryDefaultNames = Object.freeze({ condition: null, subStatus: null, store: null });

/**
 * SPEC §4.5, per mode: the detected device type's category, one category for all, a field's value, or ordered
 * condition rules where the first match wins (SymphonyAI). A rule whose condition fails at run time for a
 * device (e.g. a division by zero) does not match it.
 */
export function buildClassifier(input: {
  readonly settings: ClassificationSettings;
  readonly rules: readonly CategoryRule[];
  /** The Graph name of the field holding the category (mode `field`). */
  readonly field: string | null;
}): Classifier {
  const { settings, rules, field } = input;
  const defaultsOf = categoryDefaultsLookup(settings);
  const choice = (category: string | null): CategoryChoice | null =>
    category === null ? null : { category, group: settings.group, defaults: defaultsOf(category) };
  const firstRule = (device: ManagedDevice): string | null => {
    const record = deviceRecord(device);
    for (const rule of rules) {
      const result = rule.condition.evaluate(record);
      if (result.ok && result.value === true) return rule.category;
    }
    return null;
  };
  const byField = (device: ManagedDevice): string | null => {
    const value = field === null ? null : deviceRecord(device)[field];
    if (isNoValue(value) || (typeof value !== 'string' && typeof value !== 'number')) return null;
    return String(value).trim();
  };
  const pick = (device: ManagedDevice, type: DeviceType | null): string | null => {
    switch (settings.mode) {
      case 'deviceType':
        return type === null ? null : settings.deviceTypeCategories[type];
      case 'single':
        return settings.category;
      case 'field':
        return byField(device) ?? settings.fallback;
      case 'rules':
        return firstRule(device) ?? settings.fallback;
    }
  };
  return {
    classify: (device, type) => choice(pick(device, type)),
    isCaughtByRule: (device) => settings.mode === 'rules' && firstRule(device) !== null,
  };
}

function categoryDefaultsLookup(settings: ClassificationSettings): (category: string) => CategoryDefaultNames {
  // Category names in the register are matched without regard to case, so the defaults are too.
  const byName = new Map<string, CategoryDefaultNames>();
  for (const [name, d] of Object.entries(settings.categoryDefaults)) {
    byName.set(name.toLowerCase(), Object.freeze({ condition: d.condition ?? null, subStatus: d.subStatus ?? null, store: d.store ?? null }));
  }
  return (category) => byName.get(category.toLowerCase()) ?? NO_DEFAULTS;
}
