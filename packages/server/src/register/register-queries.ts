import type {
  AssetDetail,
  AssetExportQuery,
  AssetListQuery,
  AssetListResponse,
  AuditPageResponse,
  FacetsResponse,
  UserDetail,
  UserListQuery,
  UserListResponse,
} from '@intune-assets/contracts';
import { AppError } from '../errors/app-error.js';
import type { Store } from '../store/connect.js';
import { ensureLookupIndex } from '../store/repos/asset-lookup.js';
import type { SecretBox } from '../security/secret-box.js';
import { countAssets, listAssetPage, resolveSearchUsers, toListItems } from './asset-list-query.js';
import type { AssetListFilter } from './asset-list-query.js';
import { ASSET_AUDIT_ENTITY, loadAssetAudit, loadAssetDetail } from './asset-detail.js';
import { assetsCsv } from './assets-csv.js';
import { loadFacets } from './facets.js';
import { loadRegisterNames } from './register-names.js';
import { listUsers, loadUserDetail } from './user-queries.js';

/** The secret box context the sync seals bypass codes with (runs/sync-service.ts). */
export const BYPASS_CODE_CONTEXT = 'asset-activation-lock';

/** Matches past which walking the sort's index beats sorting every match (SQLite has no statistics to judge). */
const PREFER_SORT_INDEX_ABOVE = 5000;

/** Users a search may match before the list keeps the user match as a subquery instead of an id list. */
const SEARCH_USERS_CAP = 5000;

export interface RegisterQueriesDeps {
  readonly store: Store;
  /** Opens activation lock bypass codes for the audited reveal. */
  readonly secretBox: SecretBox;
  /** Clock of the reveal's audit row; tests pass a fixed one. */
  readonly now?: () => Date;
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
  #nameIndex: Promise<void> | null = null;

  constructor(deps: RegisterQueriesDeps) {
    this.#deps = deps;
  }

  /**
   * Name search needs `name_key` indexed; that index is built on first use (the one name matching builds), not by a
   * migration, so a first sync of 100,000 devices does not pay ~1 s maintaining it for a search nobody made yet.
   */
  #ensureNameIndex(): Promise<void> {
    this.#nameIndex ??= ensureLookupIndex(this.#deps.store.db, 'name').catch((error: unknown) => {
      this.#nameIndex = null;
      throw error;
    });
    return this.#nameIndex;
  }

  async listAssets(query: AssetListQuery): Promise<AssetListResponse> {
    const { db, dialect } = this.#deps.store;
    const filter = toAssetFilter(query);
    if (filter.search !== undefined && filter.search.trim() !== '') await this.#ensureNameIndex();
    const names = await loadRegisterNames(db);
    const departmentIds = [...names.departments.keys()];
    const searchUserIds = filter.search === undefined ? undefined : await resolveSearchUsers(db, filter.search, { departmentIds, cap: SEARCH_USERS_CAP });
    const count = await countAssets(db, { dialect, filter, departmentIds, searchUserIds });
    const shouldPreferSortIndex = dialect === 'sqlite' && !query.sort.endsWith('assetTag') && count.total > PREFER_SORT_INDEX_ABOVE;
    const page = await listAssetPage(db, { ...filter, sort: query.sort, cursor: query.cursor, limit: query.limit, departmentIds, searchUserIds, shouldPreferSortIndex });
    return { items: await toListItems(db, page.assets, names), nextCursor: page.nextCursor, total: count.total, totalIsEstimate: count.isEstimate };
  }

  /** Every register field with label, display value, provenance and last change; allocation history; newest audit. */
  getAsset(assetId: string): Promise<AssetDetail> {
    return loadAssetDetail(this.#deps.store, assetId);
  }

  /** Older audit entries of an asset, newest first; `before` is the previous page's `nextCursor`. */
  async listAssetAudit(assetId: string, page: { before?: string | undefined; limit?: number }): Promise<AuditPageResponse> {
    if (!(await this.#deps.store.repos.assets.get(assetId))) throw new AppError('not_found', `There is no asset with id ${assetId}.`);
    return loadAssetAudit(this.#deps.store, assetId, page);
  }

  /**
   * The asset's activation lock bypass code in clear, for an admin (the route checks the role). The reveal is
   * audited before the code leaves (action `bypass_code_revealed`, the account as actor, no value recorded), so a
   * failed audit write means no code. Never log the result.
   */
  async revealBypassCode(assetId: string, actor: { readonly accountId: string }): Promise<string> {
    const { store, secretBox } = this.#deps;
    const asset = await store.repos.assets.get(assetId);
    if (!asset) throw new AppError('not_found', `There is no asset with id ${assetId}.`);
    if (asset.activationLockBypassCodeEncrypted === null) throw new AppError('not_found', `Asset ${asset.assetTag} has no activation lock bypass code.`);
    const code = secretBox.open(asset.activationLockBypassCodeEncrypted, BYPASS_CODE_CONTEXT);
    await store.repos.audit.insertMany([
      {
        entityType: ASSET_AUDIT_ENTITY,
        entityId: asset.id,
        action: 'bypass_code_revealed',
        field: 'activationLockBypassCodeEncrypted',
        oldValue: null,
        newValue: null,
        actor: { type: 'user', id: actor.accountId },
        runId: null,
        at: (this.#deps.now ?? (() => new Date()))().toISOString(),
      },
    ]);
    return code;
  }

  listUsers(query: UserListQuery): Promise<UserListResponse> {
    return listUsers(this.#deps.store.db, query);
  }

  getUser(userId: string): Promise<UserDetail> {
    return loadUserDetail(this.#deps.store.db, userId);
  }

  facets(): Promise<FacetsResponse> {
    return loadFacets(this.#deps.store.db);
  }

  /** CSV lines of the filtered list (header first), a page at a time; stream them to the response. */
  async *exportAssetsCsv(query: AssetExportQuery): AsyncGenerator<string> {
    const filter = toAssetFilter(query);
    if (filter.search !== undefined && filter.search.trim() !== '') await this.#ensureNameIndex();
    yield* assetsCsv(this.#deps.store.db, filter);
  }
}
