/**
 * The assets list's filters live in the URL (`/assets?status=allocated&sort=-updatedAt`) so a filtered list can
 * be bookmarked and Back works. These convert between the query string, the filters and the table's sort.
 */
export interface AssetFilterValues {
  readonly search: string;
  readonly category: string;
  readonly status: string;
  readonly user: string;
  readonly source: string;
  readonly connection: string;
  /** `assetTag`, `-updatedAt`, … */
  readonly sort: string;
}

export const FILTER_KEYS = ['search', 'category', 'status', 'user', 'source', 'connection', 'sort'] as const;
export const DEFAULT_SORT = 'assetTag';

export function filtersFromParams(params: URLSearchParams): AssetFilterValues {
  return {
    search: params.get('search') ?? '',
    category: params.get('category') ?? '',
    status: params.get('status') ?? '',
    user: params.get('user') ?? '',
    source: params.get('source') ?? '',
    connection: params.get('connection') ?? '',
    sort: params.get('sort') ?? DEFAULT_SORT,
  };
}

/** Only non-default values go into the URL. */
export function paramsFromFilters(filters: AssetFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value === '' || (key === 'sort' && value === DEFAULT_SORT)) continue;
    params.set(key, value);
  }
  return params;
}

export function sortStateOf(sort: string): { key: string; direction: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { key: sort.slice(1), direction: 'desc' } : { key: sort, direction: 'asc' };
}

export function sortParamOf(state: { key: string; direction: 'asc' | 'desc' }): string {
  return state.direction === 'desc' ? `-${state.key}` : state.key;
}

/** Whether any filter narrows the list (for "Clear filters" and the empty-state wording). */
export function hasActiveFilters(filters: AssetFilterValues): boolean {
  return FILTER_KEYS.some((key) => key !== 'sort' && filters[key].trim() !== '');
}
