import { z } from 'zod';
import { deviceProperties } from './device-schema.js';
import type { GraphVersion } from './device-schema.js';

/** A device field the analyst can select, map and write rules on (SPEC §3 "available device fields"). */
export interface AvailableField {
  readonly name: string;
  /** Edm/Graph type from the schema; `unknown` for a key seen on devices that the schema does not describe. */
  readonly type: string;
  readonly inSchema: boolean;
  readonly seenOnDevices: boolean;
  /** Real value only on a single GET with $select: selecting it costs enrichment requests. */
  readonly getOnly: boolean;
}

/** The union of the Graph schema of `version` and the keys seen on real devices, sorted by name. */
export function availableFields(version: GraphVersion, keysSeen: Iterable<string>): AvailableField[] {
  const seen = new Set(keysSeen);
  seen.delete('@odata.type');
  const fields = new Map<string, AvailableField>();
  for (const p of deviceProperties(version)) {
    fields.set(p.name, { name: p.name, type: p.type, inSchema: true, seenOnDevices: seen.has(p.name), getOnly: p.getOnly });
  }
  for (const key of seen) {
    if (!fields.has(key)) fields.set(key, { name: key, type: 'unknown', inSchema: false, seenOnDevices: true, getOnly: false });
  }
  return [...fields.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const storedFieldSchema = z.object({
  name: z.string(),
  type: z.string(),
  inSchema: z.boolean(),
  seenOnDevices: z.boolean(),
  getOnly: z.boolean(),
});

/** Reads a stored list back; entries from an older shape are dropped rather than trusted. */
export function parseStoredFields(fields: readonly unknown[]): AvailableField[] {
  return fields.flatMap((f) => {
    const parsed = storedFieldSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}
