import type { AssetExportQuery, AssetListQuery, AssetListResponse } from '@intune-assets/contracts';
import type { Store } from '../store/connect.js';
import type { SecretBox } from '../security/secret-box.js';
import { countAssets, listAssetPage, resolveSearchUsers, toListItems } from './asset-list-query.js';
import type { AssetListFilter } from './asset-list-query.js';
import { loadRegisterNames } from './register-names.js';

/** Matches past which walking the sort's index beats sorting every match (SQLite has no statistics to judge). */
const PREFER_SORT_INDEX_ABOVE = 5000;

/** Users a search may match before the list keeps the user match as a subquery instead of an id list. */
const SEARCH_USERS_CAP = 1000;

export interface RegisterQueriesDeps {
  readonly store: Store;
  /** Opens activation lock bypass codes for the audited reveal. */
  readonly secretBox: SecretBox;
}

export function toAssetFilter(query: AssetExportQuery): AssetListFilter {
  return {
    search: query.search,
    categoryId: query.category,
    statusKey: query.status,
    subStatusId: query.subStatus,
    allocatedUserId: query.user,
    source: query.source,
    connectionId: query.connection,
  };
}

/** Read side of the register for the API and UI: lists, details, facets, exports, and the audited bypass code reveal. */
export class RegisterQueries {
  readonly #deps: RegisterQueriesDeps;

  constructor(deps: RegisterQueriesDeps) {
    this.#deps = deps;
  }

  async listAssets(query: AssetListQuery): Promise<AssetListResponse> {
    const { db, dialect } = this.#deps.store;
    const filter = toAssetFilter(query);
    const names = await loadRegisterNames(db);
    const departmentIds = [...names.departments.keys()];
    const searchUserIds = filter.search === undefined ? undefined : await resolveSearchUsers(db, filter.search, { departmentIds, cap: SEARCH_USERS_CAP });
    const count = await countAssets(db, { dialect, filter, departmentIds, searchUserIds });
    const shouldPreferSortIndex = dialect === 'sqlite' && !query.sort.endsWith('assetTag') && count.total > PREFER_SORT_INDEX_ABOVE;
    const page = await listAssetPage(db, { ...filter, sort: query.sort, cursor: query.cursor, limit: query.limit, departmentIds, searchUserIds, shouldPreferSortIndex });
    return { items: await toListItems(db, page.assets, names), nextCursor: page.nextCursor, total: count.total, totalIsEstimate: count.isEstimate };
  }
}
