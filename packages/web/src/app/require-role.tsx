import type { ReactNode } from 'react';
import type { Role } from '../api/session.js';
import { Notice, PageHeader } from '../components/index.js';
import { useSession } from './session.js';

/** Renders `children` only for `role` or above; others get a readable "not allowed" page. */
export function RequireRole({ role, children }: { readonly role: Role; readonly children: ReactNode }) {
  const { can } = useSession();
  if (can(role)) return <>{children}</>;
  return (
    <>
      <PageHeader title="Not allowed" />
      <Notice tone="warning">This page needs the {role} role. Ask an administrator if you need access.</Notice>
    </>
  );
}
