import { readFileSync } from 'node:fs';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { EntityTable, GraphVersion, PropertyRow } from './graph-schema.js';
import { MANAGED_DEVICE_TABLES, defaultValueOf, v1EnumValue } from './graph-schema.js';

/** Real list items come in this property order (examples/managedDevices.list.v1.realworld-cloudpc.json). */
function realWorldOrder(): readonly string[] {
  const url = new URL('../../data/graph/examples/managedDevices.list.v1.realworld-cloudpc.json', import.meta.url);
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'));
  const value = (parsed as { value?: unknown }).value;
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  return typeof first === 'object' && first !== null ? Object.keys(first) : [];
}

interface Plan {
  readonly rows: readonly PropertyRow[];
  readonly getOnly: ReadonlySet<string>;
  readonly defaults: ReadonlyMap<string, unknown>;
  readonly isV1: boolean;
}

function buildPlan(table: EntityTable, isV1: boolean): Plan {
  const order = realWorldOrder();
  const rank = new Map(order.map((name, i) => [name, i]));
  const rows = [...table.properties].sort((a, b) => (rank.get(a.name) ?? 1000) - (rank.get(b.name) ?? 1000));
  return {
    rows,
    getOnly: new Set(rows.filter((row) => row.realValueOnlyOnSingleGetWithSelect === true).map((row) => row.name)),
    defaults: new Map(rows.map((row) => [row.name, defaultValueOf(row)])),
    isV1,
  };
}

const PLANS: Readonly<Record<GraphVersion, Plan>> = {
  'v1.0': buildPlan(MANAGED_DEVICE_TABLES['v1.0'], true),
  beta: buildPlan(MANAGED_DEVICE_TABLES.beta, false),
};

export type SelectResult = { readonly ok: true; readonly names: ReadonlySet<string> | undefined } | { readonly ok: false; readonly message: string };

/** Parses `$select` against an entity table, case-insensitively, naming the first unknown property as Graph does. */
export function parseSelect(raw: string | null, table: EntityTable, entityType: string): SelectResult {
  if (raw === null || raw.trim() === '') return { ok: true, names: undefined };
  const names = new Set<string>();
  for (const part of raw.split(',')) {
    const name = part.trim();
    const canonical = table.canonical.get(name.toLowerCase());
    if (canonical === undefined) {
      return { ok: false, message: `Could not find a property named '${name}' on type '${entityType}'.` };
    }
    if (!table.navigationNames.has(canonical)) names.add(canonical);
  }
  names.add('id');
  return { ok: true, names };
}

export interface ProjectOptions {
  readonly selected?: ReadonlySet<string> | undefined;
  /** Only a single-device GET whose $select names a GET-only property sees its real value (NOTES §1.5). */
  readonly isSingleGet: boolean;
}

/** The managedDevice as Graph serialises it for `version`: only that version's properties, defaults where Graph hides values. */
export function projectDevice(device: ManagedDevice, version: GraphVersion, options: ProjectOptions): Record<string, unknown> {
  const plan = PLANS[version];
  const record = device as unknown as Readonly<Record<string, unknown>>;
  const { selected } = options;
  const reveal = options.isSingleGet && selected !== undefined;
  const out: Record<string, unknown> = {};
  for (const row of plan.rows) {
    const name = row.name;
    if (selected !== undefined && !selected.has(name)) continue;
    const raw = record[name];
    if (plan.getOnly.has(name) && !reveal) {
      out[name] = plan.defaults.get(name);
    } else if (raw === undefined) {
      out[name] = plan.defaults.get(name);
    } else {
      out[name] = plan.isV1 && row.enumValues !== undefined ? v1EnumValue(row, raw) : raw;
    }
  }
  return out;
}
