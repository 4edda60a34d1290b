import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { registerApi } from '../../api/register.js';
import type { UserListItem } from '../../api/register.js';
import { AsyncContent, Badge, Card, PageHeader, Pagination, Table, TextField, useApi, useCursorPaging, useDebouncedValue } from '../../components/index.js';

export function UsersPage() {
  const navigate = useNavigate();
  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText, 300);
  const paging = useCursorPaging();
  const { reset } = paging;
  useEffect(() => reset(), [search, reset]);
  const users = useApi((signal) => registerApi.users(search, paging.cursor, signal), [search, paging.cursor]);
  return (
    <>
      <PageHeader title="Users" description="Employees assets are allocated to." />
      <Card flush>
        <div className="toolbar" role="search" aria-label="Search users">
          <TextField label="Search" type="search" placeholder="Name, email or employee id" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <AsyncContent state={users} loadingLabel="Loading users…">
          {(page) => (
            <>
              <Table<UserListItem>
                caption="Users"
                columns={[
                  { key: 'name', header: 'Name', render: (u) => <Link to={`/users/${encodeURIComponent(u.id)}`}>{u.name}</Link> },
                  { key: 'email', header: 'Email', render: (u) => u.email ?? '—' },
                  { key: 'upn', header: 'UPN', render: (u) => u.upn ?? '—' },
                  { key: 'employeeId', header: 'Employee id', render: (u) => u.employeeId ?? '—' },
                  { key: 'active', header: 'State', render: (u) => (u.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
                  { key: 'source', header: 'Source', render: (u) => u.source },
                ]}
                rows={page.items}
                rowKey={(u) => u.id}
                onRowClick={(u) => void navigate(`/users/${encodeURIComponent(u.id)}`)}
                empty={<span className="muted">{search === '' ? 'No users yet. Users appear when a sync allocates devices or when they are imported.' : 'No user matches this search.'}</span>}
              />
              <Pagination label="User pages" summary={`Page ${paging.page}`} hasPrevious={paging.hasPrevious} hasNext={page.nextCursor !== null} onPrevious={paging.previous} onNext={() => paging.next(page.nextCursor)} />
            </>
          )}
        </AsyncContent>
      </Card>
    </>
  );
}
