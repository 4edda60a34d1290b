import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { sessionApi } from '../../api/session.js';
import type { SessionView } from '../../api/session.js';
import { Button, Notice, TextField, useDocumentTitle } from '../../components/index.js';
import { signInErrorText } from './sign-in-error.js';

export interface SignInPageProps {
  readonly onSignedIn: (session: SessionView) => void;
  readonly reason: 'none' | 'expired' | 'signed-out' | 'unreachable';
}

const REASONS: Readonly<Record<SignInPageProps['reason'], { tone: 'info' | 'warning'; text: string } | null>> = {
  none: null,
  expired: { tone: 'warning', text: 'Your session has ended. Sign in again to continue.' },
  'signed-out': { tone: 'info', text: 'You are signed out.' },
  unreachable: { tone: 'warning', text: 'The server could not be reached. Check that Intune Assets is running, then sign in.' },
};

export function SignInPage({ onSignedIn, reason }: SignInPageProps) {
  useDocumentTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const banner = REASONS[reason];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await sessionApi.signIn(email.trim(), password));
    } catch (err) {
      setError(signInErrorText(err instanceof ApiError ? { status: err.status, code: err.code, details: err.details } : null));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <main className="signin-page">
      <div className="card signin-card">
        <div className="card-body stack">
          <div className="row"><span className="brand-mark" aria-hidden="true" /><h1 style={{ fontSize: 'var(--font-size-xl)' }}>Sign in to Intune Assets</h1></div>
          {banner !== null && error === null && <Notice tone={banner.tone}>{banner.text}</Notice>}
          {error !== null && <Notice tone="error">{error}</Notice>}
          <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
            <TextField label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
            <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
            <Button type="submit" variant="primary" busy={busy} disabled={email.trim() === '' || password === ''}>Sign in</Button>
          </form>
          <p className="muted small" style={{ margin: 0 }}>
            Accounts are created by an administrator (or with <code>intune-assets account create</code>).
          </p>
        </div>
      </div>
    </main>
  );
}
