import type { Kysely } from 'kysely';
import type { FacetsResponse } from '@intune-assets/contracts';
import { ASSET_STATUS_KEYS } from '../domain/status.js';
import type { Database } from '../store/database.js';
import { sourceKind } from './asset-list-query.js';
import { loadRegisterNames } from './register-names.js';

/** Sources every register can hold, listed even before an asset has them so the dropdown is stable. */
const KNOWN_SOURCES = ['intune', 'manual', 'import'] as const;

/** The values the assets list can be filtered by: reference tables plus the distinct sources in use. */
export async function loadFacets(db: Kysely<Database>): Promise<FacetsResponse> {
  const names = await loadRegisterNames(db);
  const used = await db.selectFrom('fixed_assets').select('source').distinct().execute();
  const sources = [...new Set<string>([...KNOWN_SOURCES, ...used.map((r) => sourceKind(r.source))])].sort();
  return {
    categories: [...names.categories].map(([id, c]) => ({ id, name: c.name, group: c.group })),
    statuses: [...names.statuses]
      .filter((entry): entry is [(typeof ASSET_STATUS_KEYS)[number], string] => (ASSET_STATUS_KEYS as readonly string[]).includes(entry[0]))
      .map(([key, name]) => ({
        key,
        name,
        subStatuses: [...names.subStatuses].filter(([, s]) => s.statusKey === key).map(([id, s]) => ({ id, name: s.name })),
      })),
    sources,
    connections: [...names.connections].map(([id, name]) => ({ id, name })),
  };
}
