import type {
  AssetDetail,
  AssetListQuery,
  AssetListResponse,
  AuditPageResponse,
  FacetsResponse,
  UserDetail,
  UserListResponse,
} from '@intune-assets/contracts';
import { api, query } from './client.js';

export type { AssetDetail, AssetListResponse, AuditPageResponse, FacetsResponse, UserDetail, UserListResponse };
export type { AssetListItem, AssetFieldView, AllocationView, AuditItem, UserListItem } from '@intune-assets/contracts';

/** The assets list filters as the page holds them (every value optional; empty means "all"). */
export type AssetFilters = Partial<Pick<AssetListQuery, 'search' | 'category' | 'status' | 'user' | 'source' | 'connection' | 'sort'>>;

const enc = encodeURIComponent;

function filterQuery(filters: AssetFilters): Record<string, string | undefined> {
  return {
    search: filters.search?.trim(),
    category: filters.category,
    status: filters.status,
    user: filters.user,
    source: filters.source,
    connection: filters.connection,
    sort: filters.sort,
  };
}

export const registerApi = {
  assets: (filters: AssetFilters, cursor: string | null, signal?: AbortSignal) =>
    api.get<AssetListResponse>(`/assets${query({ ...filterQuery(filters), cursor, limit: 50 })}`, signal),
  /** A plain link (the browser downloads it with the session cookie). */
  assetsCsvUrl: (filters: AssetFilters) => `/api/v1/assets.csv${query(filterQuery(filters))}`,
  asset: (id: string, signal?: AbortSignal) => api.get<AssetDetail>(`/assets/${enc(id)}`, signal),
  audit: (id: string, before: string, signal?: AbortSignal) => api.get<AuditPageResponse>(`/assets/${enc(id)}/audit${query({ before })}`, signal),
  revealBypassCode: (id: string) => api.post<{ code: string }>(`/assets/${enc(id)}/bypass-code/reveal`),
  users: (search: string, cursor: string | null, signal?: AbortSignal) =>
    api.get<UserListResponse>(`/users${query({ search: search.trim(), cursor, limit: 50 })}`, signal),
  user: (id: string, signal?: AbortSignal) => api.get<UserDetail>(`/users/${enc(id)}`, signal),
  facets: (signal?: AbortSignal) => api.get<FacetsResponse>('/facets', signal),
};
