import { useState } from 'react';
import { CLOUDS, GRAPH_API_VERSIONS, SYNC_MODES } from '@intune-assets/contracts';
import { Button, Card, Checkbox, ErrorNotice, Notice, Select, Switch, TextAreaField, TextField } from '../../components/index.js';
import { fieldId } from './issue-paths.js';
import { guidError, options } from './section-props.js';
import type { SetupSectionProps } from './section-props.js';
import type { ConnectionTestReport } from './setup-api.js';

const CLOUD_LABELS: Readonly<Record<string, string>> = {
  global: 'Global (commercial)', usgov: 'US Government (GCC High)', 'usgov-dod': 'US Government (DoD)', china: 'China (21Vianet)',
};

const CHECK_LABELS: Readonly<Record<string, string>> = {
  devices: 'Managed devices', users: 'Users', detectedApps: 'Detected apps', autopilot: 'Autopilot identities',
};

export interface ConfigurationSectionProps extends SetupSectionProps {
  readonly onTest: () => Promise<ConnectionTestReport>;
  readonly savedName: string | null;
  /** Testing needs the analyst role. */
  readonly canTest: boolean;
}

export function ConfigurationSection({ form, update, errorFor, reference, onTest, savedName, canTest }: ConfigurationSectionProps) {
  const [testing, setTesting] = useState(false);
  const [report, setReport] = useState<ConnectionTestReport | null>(null);
  const [testError, setTestError] = useState<unknown>(null);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => update((f) => ({ ...f, [key]: value }));
  const departments = reference?.departments.map((d) => d.name) ?? [];

  const runTest = async () => {
    setTesting(true);
    setTestError(null);
    try {
      setReport(await onTest());
    } catch (error) {
      setReport(null);
      setTestError(error);
    } finally {
      setTesting(false);
    }
  };

  const secretHint = form.hasSecret
    ? 'Stored — enter a new one to replace it. The secret value, not its ID; never shown again.'
    : 'The secret value (not the secret ID) of the app registration.';
  const testsSaved = savedName !== null && form.clientSecret === '';

  return (
    <div className="stack">
      <div className="cs-grid">
        <TextField id={fieldId('name')} label="Connection name" required value={form.name} onChange={(e) => set('name', e.target.value)} error={errorFor(fieldId('name'))} hint="Letters, digits, space, dot, dash or underscore." />
        <TextField id={fieldId('department')} label="Department" list="cs-departments" value={form.department} onChange={(e) => set('department', e.target.value)} error={errorFor(fieldId('department'))} hint="Created when it does not exist." />
        <TextField id={fieldId('integrationUser')} label="Integration user" value={form.integrationUser} onChange={(e) => set('integrationUser', e.target.value)} error={errorFor(fieldId('integrationUser'))} hint='Recorded as "created by" and "allocated by".' />
        <TextField
          id={fieldId('tenantId')} label="Tenant id" required value={form.tenantId} spellCheck={false} autoComplete="off"
          placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
          onChange={(e) => set('tenantId', e.target.value)} error={guidError(form.tenantId) ?? errorFor(fieldId('tenantId'))}
          hint="Directory (tenant) id of the Entra tenant that hosts Intune."
        />
        <TextField
          id={fieldId('clientId')} label="Client id" required value={form.clientId} spellCheck={false} autoComplete="off"
          placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
          onChange={(e) => set('clientId', e.target.value)} error={guidError(form.clientId) ?? errorFor(fieldId('clientId'))}
          hint="Application (client) id of the app registration."
        />
        <TextField
          id={fieldId('clientSecret')} label="Client secret" type="password" autoComplete="new-password" required={!form.hasSecret}
          value={form.clientSecret} placeholder={form.hasSecret ? 'stored — enter a new one to replace' : ''}
          onChange={(e) => set('clientSecret', e.target.value)} error={errorFor(fieldId('clientSecret'))} hint={secretHint}
        />
        <Select id={fieldId('authMode')} label="Auth mode" value={form.authMode} options={[{ value: 'client_secret', label: 'Client credentials (secret)' }]} onChange={() => set('authMode', 'client_secret')} hint="Certificate, authorization code, admin consent and managed identity come later." />
        <Select id={fieldId('cloud')} label="Cloud" value={form.cloud} options={options(CLOUDS, CLOUD_LABELS)} onChange={(e) => set('cloud', e.target.value as typeof form.cloud)} error={errorFor(fieldId('cloud'))} />
        <Select id={fieldId('syncMode')} label="Sync mode" value={form.syncMode} options={options(SYNC_MODES, { inventory: 'Inventory (fixed assets)', discovery: 'Discovery (discovered devices)' })} onChange={(e) => set('syncMode', e.target.value as typeof form.syncMode)} error={errorFor(fieldId('syncMode'))} />
        <Select id={fieldId('graphApiVersion')} label="Graph API version" value={form.graphApiVersion} options={options(GRAPH_API_VERSIONS)} onChange={(e) => set('graphApiVersion', e.target.value as typeof form.graphApiVersion)} hint="beta opts in to beta-only fields (chassisType, hardware information)." />
        <TextField id={fieldId('batchSize')} label="Batch size" inputMode="numeric" value={form.batchSize} onChange={(e) => set('batchSize', e.target.value)} error={errorFor(fieldId('batchSize'))} hint="Devices per write transaction." />
      </div>
      <datalist id="cs-departments">{departments.map((d) => <option key={d} value={d} />)}</datalist>
      <div className="row">
        <Switch id={fieldId('isActive')} label="Is active" checked={form.isActive} onChange={(v) => set('isActive', v)} hint="An inactive connection is never synced." />
        <Checkbox label="Also create configuration items (CMDB)" checked={form.moveToCmdb} onChange={(e) => set('moveToCmdb', e.target.checked)} />
      </div>
      <fieldset id={fieldId('enabledForInstances')} tabIndex={-1} style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="field-label">Enabled for instances</legend>
        <div className="row">
          {(['production', 'uat'] as const).map((instance) => (
            <Checkbox
              key={instance} label={instance === 'uat' ? 'UAT' : 'Production'} checked={form.enabledForInstances.includes(instance)}
              onChange={(e) => set('enabledForInstances', e.target.checked ? [...form.enabledForInstances, instance] : form.enabledForInstances.filter((i) => i !== instance))}
            />
          ))}
        </div>
        {errorFor(fieldId('enabledForInstances')) !== undefined && <span className="field-error">{errorFor(fieldId('enabledForInstances'))}</span>}
      </fieldset>
      <TextAreaField id={fieldId('description')} label="Description" rows={2} value={form.description} onChange={(e) => set('description', e.target.value)} error={errorFor(fieldId('description'))} />
      <details>
        <summary>Endpoint overrides (emulated tenant, proxies)</summary>
        <div className="cs-grid" style={{ marginTop: 'var(--space-3)' }}>
          <TextField id={fieldId('authorityUrl')} label="Authority URL" value={form.authorityUrl} placeholder="from the cloud" onChange={(e) => set('authorityUrl', e.target.value)} error={errorFor(fieldId('authorityUrl'))} />
          <TextField id={fieldId('graphUrl')} label="Graph URL" value={form.graphUrl} placeholder="from the cloud" onChange={(e) => set('graphUrl', e.target.value)} error={errorFor(fieldId('graphUrl'))} />
          <TextField id={fieldId('caCertFile')} label="CA certificate file" value={form.caCertFile} onChange={(e) => set('caCertFile', e.target.value)} error={errorFor(fieldId('caCertFile'))} hint="A PEM file on the server, trusted for this connection only." />
        </div>
      </details>
      <Card title="Test connection" level={3} actions={<Button variant="primary" busy={testing} disabled={!canTest} onClick={() => void runTest()}>Test connection</Button>}>
        <p className="small muted" style={{ marginTop: 0 }}>
          Invokes the Intune API: gets a token, reads one page of devices, tries each permission and lists the available device fields.
          {testsSaved ? ' Tests the saved credentials.' : ' Tests the credentials entered above (not saved yet).'}
        </p>
        {testError !== null && <ErrorNotice error={testError} title="The test could not run" />}
        {report !== null && <TestReportView report={report} />}
      </Card>
    </div>
  );
}

function TestReportView({ report }: { readonly report: ConnectionTestReport }) {
  return (
    <div className="stack-sm" aria-live="polite">
      <Notice tone={report.ok ? 'success' : 'error'} title={report.ok ? 'Connection works' : 'Connection test failed'}>
        <p>{report.devicesRead} devices read in {(report.durationMs / 1000).toFixed(1)} s; {report.availableFields.fields.length} device fields available.</p>
      </Notice>
      <ul className="check-list" aria-label="Test results">
        <li><span className={report.token.ok ? 'check-ok' : 'check-fail'}>{report.token.ok ? '✓ ' : '✗ '}Token</span> — {report.token.message}</li>
        {Object.entries(report.capabilities).map(([key, check]) => (
          <li key={key}>
            <span className={check.ok ? 'check-ok' : 'check-fail'}>{check.ok ? '✓ ' : '✗ '}{CHECK_LABELS[key] ?? key}</span>
            {' '}— {check.message} <span className="muted small">({check.permission})</span>
          </li>
        ))}
      </ul>
      {report.availableFields.notice !== null && <Notice tone="warning">{report.availableFields.notice}</Notice>}
    </div>
  );
}
