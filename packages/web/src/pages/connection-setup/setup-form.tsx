import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ReactNode } from 'react';
import type { FieldIssue } from '@intune-assets/contracts';
import { ApiError } from '../../api/client.js';
import { useSession } from '../../app/session.js';
import { Button, Card, ErrorNotice, Notice } from '../../components/index.js';
import { CategoryMappingSection } from './category-mapping-section.js';
import { ConfigurationSection } from './configuration-section.js';
import { fieldScope } from './expression-check.js';
import { FieldsSelectionSection } from './fields-selection-section.js';
import type { FieldListing } from './fields-selection-section.js';
import { FiltersSection } from './filters-section.js';
import { formFromDocument } from './form-state.js';
import type { ConnectionForm } from './form-state.js';
import { documentFromForm } from './form-to-document.js';
import { SECTIONS, issueTarget, issuesByField } from './issue-paths.js';
import type { SectionId } from './issue-paths.js';
import { KeyFieldMappingSection } from './key-field-mapping-section.js';
import { liveIssues } from './live-issues.js';
import { SchedulerSection } from './scheduler-section.js';
import type { SetupSectionProps } from './section-props.js';
import { AutoAllocationSection, DefaultSettingsSection, DiscoveryMappingSection, StatusesSection } from './settings-sections.js';
import { settingsFromView } from './settings-from-view.js';
import { setupApi } from './setup-api.js';
import type { ConnectionTestReport, ReferenceData } from './setup-api.js';
import { UnsavedChangesGuard } from './unsaved-changes-guard.js';
import './connection-setup.css';

export interface SetupFormProps {
  readonly initial: ConnectionForm;
  /** The stored name; null for a connection not saved yet. */
  readonly savedName: string | null;
  readonly reference: ReferenceData | null;
  readonly listing: FieldListing | null;
  readonly listingError: string | null;
  readonly listingLoading?: boolean;
}

function focusField(id: string): void {
  const element = document.getElementById(id);
  if (element === null) return;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}

/** The whole setup page below its header: section nav, the ten sections, the issue summary and the save bar. */
export function SetupForm({ initial, savedName, reference, listing: initialListing, listingError, listingLoading = false }: SetupFormProps) {
  const navigate = useNavigate();
  const canEdit = useSession().can('analyst');
  const [form, setForm] = useState(initial);
  const [baseline, setBaseline] = useState(() => JSON.stringify(documentFromForm(initial).document));
  const [reported, setReported] = useState<{ readonly issues: readonly FieldIssue[]; readonly document: unknown }>({ issues: [], document: null });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [listing, setListing] = useState(initialListing);

  const update = useCallback((change: (f: ConnectionForm) => ConnectionForm) => { setForm(change); setSaved(false); }, []);
  const draft = useMemo(() => documentFromForm(form).document, [form]);
  const issues = useMemo(() => liveIssues(reported.issues, reported.document, draft), [reported, draft]);
  const dirty = JSON.stringify(draft) !== baseline;
  const scope = useMemo(
    () => (listing === null ? null : fieldScope({ listed: listing.fields, selected: form.selectedFields, ownerField: form.allocation.ownerField })),
    [listing, form.selectedFields, form.allocation.ownerField],
  );
  const byField = useMemo(() => issuesByField(issues, form), [issues, form]);
  const errorFor = useCallback((id: string) => {
    const found = byField.get(id);
    return found === undefined ? undefined : found.map((i) => i.message).join('; ');
  }, [byField]);
  const perSection = useMemo(() => {
    const counts = new Map<SectionId, number>();
    for (const issue of issues) {
      const section = issueTarget(issue, form).section;
      counts.set(section, (counts.get(section) ?? 0) + 1);
    }
    return counts;
  }, [issues, form]);

  useEffect(() => { setListing(initialListing); }, [initialListing]);

  const [activeSection, setActiveSection] = useState<SectionId>('configuration');
  useEffect(() => {
    // The nav marks the topmost section in view, so the analyst knows where a long page has taken them.
    const visible = new Set<string>();
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) visible.add(entry.target.id);
        else visible.delete(entry.target.id);
      }
      const first = SECTIONS.find((s) => visible.has(s.id));
      if (first !== undefined) setActiveSection(first.id);
    }, { rootMargin: '0px 0px -60% 0px' });
    for (const s of SECTIONS) {
      const element = document.getElementById(s.id);
      if (element !== null) observer.observe(element);
    }
    return () => observer.disconnect();
  }, []);

  const onTest = async (): Promise<ConnectionTestReport> => {
    const report = savedName !== null && form.clientSecret === ''
      ? await setupApi.test(savedName)
      : await setupApi.testCredentials({
        tenantId: form.tenantId.trim(), clientId: form.clientId.trim(), clientSecret: form.clientSecret, cloud: form.cloud,
        graphApiVersion: form.graphApiVersion,
        ...(form.authorityUrl.trim() === '' ? {} : { authorityUrl: form.authorityUrl.trim() }),
        ...(form.graphUrl.trim() === '' ? {} : { graphUrl: form.graphUrl.trim() }),
        ...(form.caCertFile.trim() === '' ? {} : { caCertFile: form.caCertFile.trim() }),
      });
    setListing({ ...report.availableFields, fields: report.availableFields.fields });
    return report;
  };

  const save = async () => {
    setSaveError(null);
    setSaved(false);
    const { document, issues: local } = documentFromForm(form);
    if (local.length > 0) { setReported({ issues: local, document }); return; }
    setSaving(true);
    try {
      const view = savedName === null ? await setupApi.create(document) : await setupApi.replace(savedName, document);
      const next = formFromDocument(settingsFromView(view), { hasSecret: view.hasSecret });
      setReported({ issues: [], document: null });
      setForm(next);
      setBaseline(JSON.stringify(documentFromForm(next).document));
      setSaved(true);
      if (view.name !== savedName) navigate(`/connections/${encodeURIComponent(view.name)}/setup`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.issues.length > 0) setReported({ issues: error.issues, document });
      else setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const props: SetupSectionProps = { form, update, errorFor, reference, scope };
  const body: Record<SectionId, ReactNode> = {
    'configuration': <ConfigurationSection {...props} onTest={onTest} savedName={savedName} canTest={canEdit} />,
    'fields-selection': <FieldsSelectionSection form={form} update={update} errorFor={errorFor} listing={listing} loadError={listingError} loading={listingLoading} />,
    'category-mapping': <CategoryMappingSection {...props} />,
    'key-field-mapping': <KeyFieldMappingSection {...props} savedName={savedName} draft={draft} canPreview={canEdit} />,
    'default-settings': <DefaultSettingsSection {...props} />,
    'auto-allocation': <AutoAllocationSection {...props} />,
    'discovery-mapping': <DiscoveryMappingSection form={form} />,
    'statuses': <StatusesSection {...props} />,
    'filters': <FiltersSection {...props} />,
    'scheduler': <SchedulerSection {...props} />,
  };

  return (
    <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label="Connection setup">
      <UnsavedChangesGuard when={dirty && !saving && canEdit} />
      {!canEdit && <Notice title="Read only">Viewers can look at the settings; an analyst or admin can change, test and save them.</Notice>}
      {issues.length > 0 && (
        <Notice tone="error" title={`Not saved: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} to fix`}>
          <ul aria-label="Problems">
            {issues.map((issue, i) => {
              const target = issueTarget(issue, form);
              const href = `#${target.fieldId ?? target.section}`;
              return (
                <li key={`${issue.path}-${i}`}>
                  <a href={href} onClick={(e) => { e.preventDefault(); focusField(target.fieldId ?? target.section); }}>
                    {SECTIONS.find((s) => s.id === target.section)?.title}: <code>{issue.path}</code>
                  </a>{' '}— {issue.message}
                </li>
              );
            })}
          </ul>
        </Notice>
      )}
      {saveError !== null && <ErrorNotice error={saveError} title="The connection was not saved" />}
      <div className="cs-layout">
        <nav className="cs-nav" aria-label="Setup sections">
          <ol>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} aria-current={activeSection === s.id ? 'true' : undefined} onClick={(e) => { e.preventDefault(); document.getElementById(s.id)?.scrollIntoView({ block: 'start' }); }}>
                  {s.title}
                  {(perSection.get(s.id) ?? 0) > 0 && <span className="cs-nav-count" aria-label={`${perSection.get(s.id)} problems`}>{perSection.get(s.id)}</span>}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="cs-sections">
          {SECTIONS.map((s) => (
            <div id={s.id} key={s.id} tabIndex={-1}>
              <Card title={s.title}>{body[s.id]}</Card>
            </div>
          ))}
        </div>
      </div>
      <div className="cs-savebar">
        <span className="small muted" role="status">{saving ? 'Saving…' : saved && !dirty ? 'Saved.' : dirty ? 'Unsaved changes' : 'No changes'}</span>
        <Button type="submit" variant="primary" busy={saving} disabled={!canEdit}>Save</Button>
      </div>
    </form>
  );
}
