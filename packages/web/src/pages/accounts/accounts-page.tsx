import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { sessionApi } from '../../api/session.js';
import type { AccountView, Role } from '../../api/session.js';
import { AsyncContent, Badge, Button, Card, ErrorNotice, Notice, PageHeader, Select, Table, TextField, useApi } from '../../components/index.js';
import { formatDateTime } from '../../lib/format.js';

const ROLES: readonly { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer: reads everything except secrets' },
  { value: 'analyst', label: 'Analyst: + edits connections, previews, syncs' },
  { value: 'admin', label: 'Admin: + accounts, deletes, bypass codes' },
];

export function AccountsPage() {
  const accounts = useApi((signal) => sessionApi.listAccounts(signal), []);
  return (
    <>
      <PageHeader title="Accounts" description="Who can sign in, and with which role." />
      <div className="stack">
        <Card flush title="Accounts" level={2}>
          <AsyncContent state={accounts} loadingLabel="Loading accounts…">
            {({ items }) => (
              <Table<AccountView>
                caption="Accounts"
                columns={[
                  { key: 'email', header: 'Email', render: (a) => a.email },
                  { key: 'role', header: 'Role', render: (a) => <Badge tone={a.role === 'admin' ? 'info' : 'neutral'}>{a.role}</Badge> },
                  { key: 'state', header: 'State', render: (a) => (a.isActive ? <Badge tone="success">Active</Badge> : <Badge>Disabled</Badge>) },
                  { key: 'created', header: 'Created', render: (a) => formatDateTime(a.createdAt) },
                  { key: 'last', header: 'Last sign-in', render: (a) => formatDateTime(a.lastSignInAt) },
                ]}
                rows={items}
                rowKey={(a) => a.id}
              />
            )}
          </AsyncContent>
        </Card>
        <CreateAccount onCreated={accounts.reload} />
      </div>
    </>
  );
}

function CreateAccount({ onCreated }: { readonly onCreated: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [created, setCreated] = useState<string | null>(null);
  const issues = error instanceof ApiError ? error.issues : [];
  const issueFor = (path: string) => issues.find((i) => i.path === path)?.message;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setCreated(null);
    try {
      const account = await sessionApi.createAccount({ email: email.trim(), role, password });
      setCreated(account.email);
      setEmail('');
      setPassword('');
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Create an account" level={2}>
      <form className="stack" onSubmit={(e) => void submit(e)} style={{ maxWidth: 420 }}>
        {created !== null && <Notice tone="success">Account {created} created. Give the person their password through a safe channel.</Notice>}
        {error !== undefined && issues.length === 0 && <ErrorNotice error={error} title="The account could not be created" />}
        <TextField label="Email" type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} error={issueFor('email')} />
        <Select label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={ROLES} />
        <TextField label="Password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} hint="At least 12 characters." error={issueFor('password')} />
        <div><Button type="submit" variant="primary" busy={busy}>Create account</Button></div>
      </form>
    </Card>
  );
}
