import { useLocation } from 'react-router';
import { ButtonLink, EmptyState, PageHeader } from '../../components/index.js';

export function NotFoundPage() {
  const location = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <div className="card">
        <EmptyState title="There is no page here" action={<ButtonLink to="/" variant="primary">Go to the dashboard</ButtonLink>}>
          Nothing lives at <code>{location.pathname}</code>. The link may be old, or the item was deleted.
        </EmptyState>
      </div>
    </>
  );
}
