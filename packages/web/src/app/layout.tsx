import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { Button, ErrorBoundary } from '../components/index.js';
import { useSession } from './session.js';

interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly end?: boolean;
  readonly adminOnly?: boolean;
}

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/connections', label: 'Connections' },
  { to: '/runs', label: 'Runs' },
  { to: '/assets', label: 'Assets' },
  { to: '/users', label: 'Users' },
  { to: '/accounts', label: 'Accounts', adminOnly: true },
];

export function Layout() {
  const { account, can, signOut } = useSession();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // A client-side navigation announces nothing to a screen reader; moving focus to the new page's content does.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <div className="shell">
        <header className="topbar">
          <span className="brand"><span className="brand-mark" aria-hidden="true" />Intune Assets</span>
          <div className="account">
            <span data-testid="signed-in-account">{account.email} <span style={{ opacity: 0.7 }}>({account.role})</span></span>
            <Button variant="ghost" size="sm" onClick={() => void signOut()}>Sign out</Button>
          </div>
        </header>
        <nav className="sidenav" aria-label="Main">
          <ul>
            {NAV.filter((item) => item.adminOnly !== true || can('admin')).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end === true} className={({ isActive }) => (isActive ? 'active' : undefined)}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main className="main" id="main" tabIndex={-1} ref={mainRef}>
          <ErrorBoundary key={pathname}>
            <Outlet />
          </ErrorBoundary>
        </main>
      </div>
    </>
  );
}
