import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.js';
import { roleAtLeast, sessionApi } from '../api/session.js';
import type { AccountView, Role, SessionView } from '../api/session.js';

export interface SessionContextValue {
  readonly account: AccountView;
  /** True when the signed-in role is at least `role` (viewer < analyst < admin). */
  readonly can: (role: Role) => boolean;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The signed-in account; only usable inside the signed-in shell. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession() used outside <SessionGate>');
  return value;
}

export type SessionStatus =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signed-out'; readonly reason: 'none' | 'expired' | 'signed-out' | 'unreachable' }
  | { readonly kind: 'signed-in'; readonly session: SessionView };

export interface SessionGateProps {
  /** Rendered while signed out; calls `onSignedIn` with the session answer. */
  readonly signIn: (props: { onSignedIn: (session: SessionView) => void; reason: 'none' | 'expired' | 'signed-out' | 'unreachable' }) => ReactNode;
  readonly checking: ReactNode;
  readonly children: ReactNode;
}

/** Checks `GET /session` on load and shows the sign-in page or the app. */
export function SessionGate({ signIn, checking, children }: SessionGateProps) {
  const [status, setStatus] = useState<SessionStatus>({ kind: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    sessionApi.current(controller.signal).then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setStatus({ kind: 'signed-in', session });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const unreachable = !(error instanceof ApiError) || error.status >= 500;
        setStatus({ kind: 'signed-out', reason: unreachable ? 'unreachable' : 'none' });
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setStatus({ kind: 'signed-out', reason: 'expired' });
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const onSignedIn = useCallback((session: SessionView) => {
    setCsrfToken(session.csrfToken);
    setStatus({ kind: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await sessionApi.signOut();
    } finally {
      setCsrfToken(null);
      setStatus({ kind: 'signed-out', reason: 'signed-out' });
    }
  }, []);

  const account = status.kind === 'signed-in' ? status.session.account : null;
  const value = useMemo<SessionContextValue | null>(
    () => (account === null ? null : { account, can: (role: Role) => roleAtLeast(account.role, role), signOut }),
    [account, signOut],
  );

  if (status.kind === 'checking') return <>{checking}</>;
  if (status.kind === 'signed-out' || value === null) return <>{signIn({ onSignedIn, reason: status.kind === 'signed-out' ? status.reason : 'none' })}</>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
