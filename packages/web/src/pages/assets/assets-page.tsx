import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { registerApi } from '../../api/register.js';
import type { AssetFilters, AssetListItem, FacetsResponse } from '../../api/register.js';
import { AsyncContent, Button, Card, EmptyState, PageHeader, Pagination, Select, StatusBadge, Table, TextField, useApi, useCursorPaging, useDebouncedValue } from '../../components/index.js';
import type { Column } from '../../components/index.js';
import { filtersFromParams, hasActiveFilters, paramsFromFilters, sortParamOf, sortStateOf } from '../../lib/asset-filters.js';
import type { AssetFilterValues } from '../../lib/asset-filters.js';
import { formatCount, formatDateTime } from '../../lib/format.js';

// Nine columns share about 1000 px at 1280 wide: make and model stack, the date splits from its time, the
// serial is a smaller mono that wraps only between its groups.
const COLUMNS: Column<AssetListItem>[] = [
  { key: 'assetTag', sortKey: 'assetTag', header: 'Asset tag', nowrap: true, render: (a) => <Link to={`/assets/${encodeURIComponent(a.id)}`}>{a.assetTag}</Link> },
  { key: 'name', sortKey: 'name', header: 'Name', render: (a) => a.name ?? '—' },
  { key: 'serial', header: 'Serial number', render: (a) => (a.serialNumber === null ? '—' : <span className="serial">{a.serialNumber}</span>) },
  { key: 'model', header: 'Make / model', render: (a) => <MakeModel make={a.make} model={a.model} /> },
  { key: 'category', header: 'Category', render: (a) => a.category?.name ?? '—' },
  { key: 'status', header: 'Status', render: (a) => <StatusBadge status={a.status.key} label={a.subStatus === null ? a.status.name : `${a.status.name} · ${a.subStatus.name}`} /> },
  { key: 'user', header: 'Allocated to', render: (a) => (a.allocatedUser === null ? '—' : <Link to={`/users/${encodeURIComponent(a.allocatedUser.id)}`}>{a.allocatedUser.name}</Link>) },
  { key: 'source', header: 'Source', render: (a) => a.connection?.name ?? a.source },
  { key: 'updatedAt', sortKey: 'updatedAt', header: 'Updated', render: (a) => <DateTimeCell iso={a.updatedAt} /> },
];

function MakeModel({ make, model }: { readonly make: string | null; readonly model: string | null }) {
  if (make === null && model === null) return <>—</>;
  return <>{make ?? ''}{make !== null && model !== null && <br />}{model !== null && <span className="small muted">{model}</span>}</>;
}

function DateTimeCell({ iso }: { readonly iso: string }) {
  const [date, time] = formatDateTime(iso).split(' ');
  return <time dateTime={iso} className="nowrap-lines">{date}{time !== undefined && <><br /><span className="small muted">{time}</span></>}</time>;
}

export function AssetsPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const [searchText, setSearchText] = useState(filters.search);
  const search = useDebouncedValue(searchText, 300);
  const facets = useApi((signal) => registerApi.facets(signal), []);
  const paging = useCursorPaging();
  const navigate = useNavigate();

  const update = (patch: Partial<AssetFilterValues>) => {
    setParams(paramsFromFilters({ ...filtersFromParams(params), ...patch }), { replace: true });
    paging.reset();
  };

  // The URL can change under the page (Back, the Assets nav link): the box then shows the URL's search. Text
  // that differs only by the spaces the URL trims is kept, so typing is never overwritten.
  useEffect(() => {
    setSearchText((current) => (current.trim() === filters.search ? current : filters.search));
  }, [filters.search]);

  useEffect(() => {
    if (search !== filtersFromParams(params).search) update({ search });
    // Only the debounced search text drives this; the other filters update the URL directly.
  }, [search]);

  const query: AssetFilters = toQuery(filters);
  const key = paramsFromFilters(filters).toString();
  const assets = useApi((signal) => registerApi.assets(query, paging.cursor, signal), [key, paging.cursor]);

  return (
    <>
      <PageHeader
        title="Assets"
        description="The register: every fixed asset, from Intune and elsewhere."
        actions={<a className="btn" href={registerApi.assetsCsvUrl(query)} download>Export CSV</a>}
      />
      <Card flush>
        <div className="toolbar" role="search" aria-label="Filter assets">
          <TextField label="Search" type="search" placeholder="Tag, name, serial or user" value={searchText} onChange={(e) => setSearchText(e.target.value)} fieldClassName="grow" />
          <FacetFilters facets={facets.data ?? null} filters={filters} onChange={update} />
          {hasActiveFilters(filters) && <Button onClick={() => { setSearchText(''); setParams(paramsFromFilters({ ...filters, search: '', category: '', status: '', user: '', source: '', connection: '' }), { replace: true }); paging.reset(); }}>Clear filters</Button>}
        </div>
        <AsyncContent state={assets} loadingLabel="Loading assets…">
          {(page) => (
            <>
              <div className="row-between small" style={{ padding: 'var(--space-2) var(--space-3)' }}>
                <span data-testid="assets-total">{page.totalIsEstimate ? 'About ' : ''}{formatCount(page.total)} {page.total === 1 ? 'asset' : 'assets'}</span>
                {assets.loading && <span className="muted">Updating…</span>}
              </div>
              <Table
                caption="Assets"
                className="table-compact"
                columns={COLUMNS}
                rows={page.items}
                rowKey={(a) => a.id}
                sort={sortStateOf(filters.sort)}
                onSortChange={(s) => update({ sort: sortParamOf(s) })}
                onRowClick={(a) => void navigate(`/assets/${encodeURIComponent(a.id)}`)}
                empty={
                  <EmptyState title={hasActiveFilters(filters) ? 'No asset matches these filters' : 'The register is empty'}>
                    {hasActiveFilters(filters) ? 'Change or clear the filters.' : 'Assets appear here after the first sync of a connection.'}
                  </EmptyState>
                }
              />
              <Pagination label="Asset pages" summary={`Page ${paging.page}`} hasPrevious={paging.hasPrevious} hasNext={page.nextCursor !== null} onPrevious={paging.previous} onNext={() => paging.next(page.nextCursor)} />
            </>
          )}
        </AsyncContent>
      </Card>
    </>
  );
}

function FacetFilters({ facets, filters, onChange }: { readonly facets: FacetsResponse | null; readonly filters: AssetFilterValues; readonly onChange: (patch: Partial<AssetFilterValues>) => void }) {
  return (
    <>
      <Select label="Category" placeholder="All categories" value={filters.category} onChange={(e) => onChange({ category: e.target.value })} options={(facets?.categories ?? []).map((c) => ({ value: c.id, label: c.group === null ? c.name : `${c.name} (${c.group})` }))} />
      <Select label="Status" placeholder="All statuses" value={filters.status} onChange={(e) => onChange({ status: e.target.value })} options={(facets?.statuses ?? []).map((s) => ({ value: s.key, label: s.name }))} />
      <Select label="Source" placeholder="All sources" value={filters.source} onChange={(e) => onChange({ source: e.target.value })} options={(facets?.sources ?? []).map((s) => ({ value: s, label: s }))} />
      <Select label="Connection" placeholder="All connections" value={filters.connection} onChange={(e) => onChange({ connection: e.target.value })} options={(facets?.connections ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      {filters.user !== '' && <Button onClick={() => onChange({ user: '' })} aria-label="Remove the user filter">User filter ✕</Button>}
    </>
  );
}

function toQuery(filters: AssetFilterValues): AssetFilters {
  const query: { -readonly [K in keyof AssetFilters]: AssetFilters[K] } = {};
  if (filters.search !== '') query.search = filters.search;
  if (filters.category !== '') query.category = filters.category;
  if (filters.status !== '') query.status = filters.status as NonNullable<AssetFilters['status']>;
  if (filters.user !== '') query.user = filters.user;
  if (filters.source !== '') query.source = filters.source;
  if (filters.connection !== '') query.connection = filters.connection;
  query.sort = filters.sort as NonNullable<AssetFilters['sort']>;
  return query;
}
