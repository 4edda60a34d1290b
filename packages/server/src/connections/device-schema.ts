import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const GRAPH_VERSIONS = ['v1.0', 'beta'] as const;
export type GraphVersion = (typeof GRAPH_VERSIONS)[number];

/** One managedDevice property as the Graph schema (data/graph/managedDevice.*.json) describes it. */
export interface DeviceProperty {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly enumValues: readonly string[] | undefined;
  /** Graph returns a default on the list; the real value needs GET /managedDevices/{id}?$select= (NOTES §1.5). */
  readonly getOnly: boolean;
}

const propertySchema = z.object({
  name: z.string(),
  type: z.string(),
  kind: z.enum(['key', 'property', 'navigation']),
  nullable: z.boolean().optional(),
  enumValues: z.array(z.string()).optional(),
  realValueOnlyOnSingleGetWithSelect: z.boolean().optional(),
});

const cache = new Map<GraphVersion, readonly DeviceProperty[]>();

/** The managedDevice properties (navigations excluded) of one Graph version, from the copy shipped in the repo. */
export function deviceProperties(version: GraphVersion): readonly DeviceProperty[] {
  const cached = cache.get(version);
  if (cached) return cached;
  const file = version === 'v1.0' ? 'managedDevice.v1.json' : 'managedDevice.beta.json';
  const raw: unknown = JSON.parse(readFileSync(new URL(`../../data/graph/${file}`, import.meta.url), 'utf8'));
  const properties = z
    .array(propertySchema)
    .parse(raw)
    .filter((p) => p.kind !== 'navigation')
    .map((p) => ({
      name: p.name,
      type: p.type,
      nullable: p.nullable !== false,
      enumValues: p.enumValues,
      getOnly: p.realValueOnlyOnSingleGetWithSelect === true,
    }));
  cache.set(version, Object.freeze(properties));
  return properties;
}
