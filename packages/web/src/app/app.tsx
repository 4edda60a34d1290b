import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Spinner } from '../components/index.js';
import { AccountsPage } from '../pages/accounts/accounts-page.js';
import { AssetDetailPage } from '../pages/assets/asset-detail-page.js';
import { AssetsPage } from '../pages/assets/assets-page.js';
import { ConnectionOverviewPage } from '../pages/connections/connection-overview-page.js';
import { ConnectionsPage } from '../pages/connections/connections-page.js';
import { DashboardPage } from '../pages/dashboard/dashboard-page.js';
import { NotFoundPage } from '../pages/not-found/not-found-page.js';
import { RunPage } from '../pages/runs/run-page.js';
import { RunsPage } from '../pages/runs/runs-page.js';
import { SignInPage } from '../pages/sign-in/sign-in-page.js';
import { UserDetailPage } from '../pages/users/user-detail-page.js';
import { UsersPage } from '../pages/users/users-page.js';
import { Layout } from './layout.js';
import { RequireRole } from './require-role.js';
import { SessionGate } from './session.js';

// The setup pages carry the expression checker and the connection schemas: loaded on first visit, so sign-in,
// the dashboard and the register stay a small download.
const ConnectionSetupPage = lazy(() => import('../pages/connection-setup/index.js').then((m) => ({ default: m.ConnectionSetupPage })));
const NewConnectionPage = lazy(() => import('../pages/connection-setup/index.js').then((m) => ({ default: m.NewConnectionPage })));

function Loading({ children }: { readonly children: ReactNode }) {
  return <Suspense fallback={<Spinner label="Loading page…" />}>{children}</Suspense>;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionGate
        checking={<main className="signin-page"><Spinner label="Checking your session…" /></main>}
        signIn={({ onSignedIn, reason }) => <SignInPage onSignedIn={onSignedIn} reason={reason} />}
      >
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<DashboardPage />} />
            <Route path="connections" element={<ConnectionsPage />} />
            <Route path="connections/new" element={<RequireRole role="analyst"><Loading><NewConnectionPage /></Loading></RequireRole>} />
            <Route path="connections/:name" element={<ConnectionOverviewPage />} />
            <Route path="connections/:name/setup" element={<Loading><ConnectionSetupPage /></Loading>} />
            <Route path="runs" element={<RunsPage />} />
            <Route path="runs/:id" element={<RunPage />} />
            <Route path="assets" element={<AssetsPage />} />
            <Route path="assets/:id" element={<AssetDetailPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="users/:id" element={<UserDetailPage />} />
            <Route path="accounts" element={<RequireRole role="admin"><AccountsPage /></RequireRole>} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionGate>
    </BrowserRouter>
  );
}
