import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { AsyncContent, PageHeader, Spinner, errorMessage, useApi } from '../../components/index.js';
import { formFromDocument, newConnectionForm } from './form-state.js';
import type { FieldListing } from './fields-selection-section.js';
import { setupApi } from './setup-api.js';
import type { ReferenceData } from './setup-api.js';
import { SetupForm } from './setup-form.js';
import { settingsFromView } from './settings-from-view.js';

/** Reference dropdowns are a convenience: the page works (free text) when they cannot be loaded. */
function useReference(): ReferenceData | null {
  const reference = useApi((signal) => setupApi.reference(signal), []);
  return reference.data ?? null;
}

/** `/connections/:name/setup`: every setting of a saved connection, in the seeds' sections. */
export function ConnectionSetupPage() {
  const { name = '' } = useParams();
  const view = useApi((signal) => setupApi.get(name, signal), [name]);
  const fields = useApi((signal) => setupApi.fields(name, signal), [name]);
  const reference = useReference();
  const initial = useMemo(() => (view.data === undefined ? null : formFromDocument(settingsFromView(view.data), { hasSecret: view.data.hasSecret })), [view.data]);
  const listing: FieldListing | null = fields.data === undefined ? null : fields.data;
  return (
    <div className="stack">
      <PageHeader
        title={`Set up ${name}`}
        breadcrumb={<><Link to="/">Connections</Link> / <Link to={`/connections/${encodeURIComponent(name)}`}>{name}</Link> / Setup</>}
        description="Configuration, field selection, category and field mapping, allocation, statuses, filters and schedule."
      />
      <AsyncContent state={view}>
        {() => (initial === null ? <Spinner /> : (
          <SetupForm
            key={view.data?.updatedAt ?? name}
            initial={initial}
            savedName={name}
            reference={reference}
            listing={listing}
            listingError={fields.error === undefined ? null : errorMessage(fields.error)}
            listingLoading={fields.loading}
          />
        ))}
      </AsyncContent>
    </div>
  );
}

/** `/connections/new`: the same page for a connection not saved yet, at the seeds' defaults. */
export function NewConnectionPage() {
  const reference = useReference();
  const initial = useMemo(() => newConnectionForm(), []);
  return (
    <div className="stack">
      <PageHeader
        title="New connection"
        breadcrumb={<><Link to="/">Connections</Link> / New</>}
        description="One Intune tenant. Enter the app registration's ids and secret, test it, then choose what to sync."
      />
      <SetupForm initial={initial} savedName={null} reference={reference} listing={null} listingError={null} />
    </div>
  );
}
