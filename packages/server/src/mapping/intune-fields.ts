import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FieldDef, FieldType } from '@intune-assets/expr';

const GRAPH_DATA = new URL('../../data/graph/', import.meta.url);
const SOURCES = ['managedDevice.v1.json', 'managedDevice.beta.json'] as const;

const PropertySchema = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  kind: z.enum(['key', 'property', 'navigation']),
  enumValues: z.array(z.string()).optional(),
  realValueOnlyOnSingleGetWithSelect: z.boolean().optional(),
});
const PropertyListSchema = z.array(PropertySchema);
type Property = z.infer<typeof PropertySchema>;

const EDM_TYPES: Readonly<Record<string, FieldType>> = {
  'Edm.String': 'text',
  'Edm.Int32': 'number',
  'Edm.Int64': 'number',
  'Edm.Boolean': 'boolean',
  'Edm.DateTimeOffset': 'datetime',
};

export function fieldTypeOf(property: Property): FieldType {
  const edm = EDM_TYPES[property.type];
  if (edm !== undefined) return edm;
  if (property.type.startsWith('graph.') && property.enumValues !== undefined) return 'text';
  return 'unknown';
}

function loadProperties(file: string): Property[] {
  const url = new URL(file, GRAPH_DATA);
  const parsed = PropertyListSchema.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${url.pathname} is not a list of Graph properties: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

let cached: readonly FieldDef[] | undefined;

/**
 * The Intune managedDevice fields an expression may read (v1.0 first, then beta-only ones), typed for the
 * expression checker. Navigation properties are left out: they are not on the device record.
 */
export function intuneFieldList(): readonly FieldDef[] {
  if (cached !== undefined) return cached;
  const byName = new Map<string, FieldDef>();
  for (const file of SOURCES) {
    for (const property of loadProperties(file)) {
      if (property.kind === 'navigation' || byName.has(property.name)) continue;
      byName.set(property.name, Object.freeze({ name: property.name, type: fieldTypeOf(property) }));
    }
  }
  cached = Object.freeze([...byName.values()]);
  return cached;
}

/** An Intune field of one Graph version, with whether its real value needs a per-device GET (NOTES §1.5). */
export interface IntuneField extends FieldDef {
  readonly getOnly: boolean;
}

export const INTUNE_API_VERSIONS = ['v1.0', 'beta'] as const;
export type IntuneApiVersion = (typeof INTUNE_API_VERSIONS)[number];

const byVersion = new Map<IntuneApiVersion, readonly IntuneField[]>();

/**
 * The managedDevice fields of one Graph version (what a connection on that version can request), typed for
 * the expression checker and flagged when the list call returns only a default for them.
 */
export function intuneDeviceFields(version: IntuneApiVersion): readonly IntuneField[] {
  const cachedFields = byVersion.get(version);
  if (cachedFields !== undefined) return cachedFields;
  const file = version === 'v1.0' ? 'managedDevice.v1.json' : 'managedDevice.beta.json';
  const fields = loadProperties(file)
    .filter((p) => p.kind !== 'navigation')
    .map((p) => Object.freeze({ name: p.name, type: fieldTypeOf(p), getOnly: p.realValueOnlyOnSingleGetWithSelect === true }));
  const frozen = Object.freeze(fields);
  byVersion.set(version, frozen);
  return frozen;
}
