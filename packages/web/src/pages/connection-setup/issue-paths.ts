import type { FieldIssue } from '@intune-assets/contracts';
import type { ConnectionForm } from './form-state.js';

export const SECTIONS = [
  { id: 'configuration', title: 'Configuration' },
  { id: 'fields-selection', title: 'Intune Fields Selection' },
  { id: 'category-mapping', title: 'Category Mapping' },
  { id: 'key-field-mapping', title: 'Key Field Mapping' },
  { id: 'default-settings', title: 'Default Settings' },
  { id: 'auto-allocation', title: 'Auto Allocation' },
  { id: 'discovery-mapping', title: 'Discovery Mapping' },
  { id: 'statuses', title: 'Statuses' },
  { id: 'filters', title: 'Filters and device types' },
  { id: 'scheduler', title: 'Scheduler' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

/**
 * The DOM id of one input of the page, built from its document path parts; the page and the issue mapping
 * both call this, so an issue's link always lands on the input that shows it.
 *
 * @example
 * fieldId('classification', 'rules', 2, 'condition'); // 'cs-classification-rules-2-condition'
 */
export function fieldId(...parts: readonly (string | number)[]): string {
  return `cs-${parts.map((p) => String(p).replace(/[^A-Za-z0-9_-]/g, '_')).join('-')}`;
}

const SECTION_OF_KEY: Readonly<Record<string, SectionId>> = {
  selectedFields: 'fields-selection',
  classification: 'category-mapping',
  mapping: 'key-field-mapping',
  defaults: 'default-settings',
  matching: 'default-settings',
  allocation: 'auto-allocation',
  lifecycle: 'statuses',
  retireSafetyPercent: 'statuses',
  filters: 'filters',
  deviceTypes: 'filters',
  schedule: 'scheduler',
  scheduleTimezone: 'scheduler',
  syncNowDebounceMinutes: 'scheduler',
};

/** Where an API issue is shown: the input's id (null when no single input holds it) and its section. */
export interface IssueTarget {
  readonly fieldId: string | null;
  readonly section: SectionId;
}

// Category names and mapping targets (`category.Encrypted`) may contain dots, so they are matched against
// the form's own rows rather than split out of the path.
function rowByName(rest: string, names: readonly string[]): { index: number; tail: string } | null {
  let found: { index: number; tail: string } | null = null;
  let foundLength = -1;
  for (const [index, name] of names.entries()) {
    if ((rest === name || rest.startsWith(`${name}.`)) && name.length > foundLength) {
      found = { index, tail: rest.slice(name.length + 1) };
      foundLength = name.length;
    }
  }
  return found;
}

/** `a.b[2].c` → ['a', 'b', 2, 'c']. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[1] !== undefined) out.push(match[1]);
  }
  return out;
}

function targetFor(path: string, form: ConnectionForm): string | null {
  if (path.startsWith('mapping.fields.')) {
    const row = rowByName(path.slice('mapping.fields.'.length), form.mapping.map((r) => r.target));
    if (row === null) return null;
    return fieldId('mapping', row.index, row.tail === 'sourceOfTruth' ? 'sourceOfTruth' : 'expression');
  }
  if (path.startsWith('classification.categoryDefaults.')) {
    const row = rowByName(path.slice('classification.categoryDefaults.'.length), form.classification.categoryDefaults.map((d) => d.category));
    if (row === null) return null;
    const property = row.tail.startsWith('store.') ? row.tail.slice('store.'.length) : row.tail === '' || row.tail === 'store' ? 'category' : row.tail;
    return fieldId('classification', 'categoryDefaults', row.index, property);
  }
  const parts = pathSegments(path);
  const [head, second, third, fourth] = parts;
  if (head === 'enabledForInstances' || head === 'selectedFields') return fieldId(head);
  if (head === 'filters' && (second === 'platforms' || second === 'groupIds')) return fieldId('filters', second);
  if (head === 'deviceTypes' && second === 'rules' && typeof third === 'number') return fieldId('deviceTypes', 'rules', third, fourth ?? 'type');
  if (head === 'classification' && second === 'rules' && typeof third === 'number') return fieldId('classification', 'rules', third, fourth ?? 'condition');
  if (head === 'classification' && second === 'rules') return null;
  if (head === 'defaults' && second === 'store') return fieldId('defaults', 'store', third ?? 'site');
  return parts.length === 0 ? null : fieldId(...parts);
}

/**
 * Maps an issue's document path (`classification.rules[2].condition`, `mapping.fields.category.RAM.expression`)
 * to the input that shows it, so a 422 lands next to its field. Unknown-key issues (`a.b, a.c`) use their first path.
 *
 * @example
 * issueTarget({ path: 'tenantId', message: 'must be a GUID' }, form); // { fieldId: 'cs-tenantId', section: 'configuration' }
 */
export function issueTarget(issue: FieldIssue, form: ConnectionForm): IssueTarget {
  const path = (issue.path.split(', ')[0] ?? '').trim();
  const head = pathSegments(path)[0];
  const section = (typeof head === 'string' ? SECTION_OF_KEY[head] : undefined) ?? 'configuration';
  if (path === '(document)' || path === '') return { fieldId: null, section };
  return { fieldId: targetFor(path, form), section };
}

/** Issues grouped by input id, for showing each next to its field; the rest stay in the summary only. */
export function issuesByField(issues: readonly FieldIssue[], form: ConnectionForm): ReadonlyMap<string, readonly FieldIssue[]> {
  const map = new Map<string, FieldIssue[]>();
  for (const issue of issues) {
    const target = issueTarget(issue, form).fieldId;
    if (target === null) continue;
    map.set(target, [...(map.get(target) ?? []), issue]);
  }
  return map;
}
