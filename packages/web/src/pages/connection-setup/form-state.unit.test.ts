import { describe, expect, it } from 'vitest';
import { connectionInputSchema } from '@intune-assets/contracts';
import type { ConnectionInput, ConnectionSettings } from '@intune-assets/contracts';
import { formFromDocument, newConnectionForm } from './form-state.js';
import { documentFromForm } from './form-to-document.js';
import type { ConnectionForm } from './form-state.js';

const TENANT = '6e1f3a4b-0c2d-4e5f-8a9b-0c1d2e3f4a5b';
const CLIENT = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

function settings(input: Omit<ConnectionInput, 'clientSecret'>): ConnectionSettings {
  const { clientSecret: _dropped, ...rest } = connectionInputSchema.parse({ ...input, clientSecret: 's3cret' });
  return rest;
}

const RICH: Omit<ConnectionInput, 'clientSecret'> = {
  name: 'Contoso EU',
  description: 'Laptops and phones of the EU offices',
  department: 'IT Europe',
  integrationUser: 'svc-intune',
  isActive: false,
  enabledForInstances: ['production', 'uat'],
  tenantId: TENANT,
  clientId: CLIENT,
  cloud: 'usgov',
  authorityUrl: 'https://login.example.test',
  graphUrl: 'https://graph.example.test',
  caCertFile: '/etc/ca.pem',
  graphApiVersion: 'beta',
  syncMode: 'inventory',
  moveToCmdb: true,
  schedule: '30 6 * * 1-5',
  scheduleTimezone: 'Europe/Paris',
  syncNowDebounceMinutes: 10,
  batchSize: 200,
  retireSafetyPercent: 12.5,
  selectedFields: ['deviceName', 'serialNumber', 'isEncrypted'],
  filters: {
    corporateOnly: false, excludeDesktops: true, platforms: ['Windows', 'macOS'],
    groupIds: ['0f0e0d0c-0b0a-4908-8706-050403020100'], condition: "Model NOT LIKE '%Virtual%'",
  },
  deviceTypes: { rules: [{ type: 'laptop', model: 'latitude', note: 'Dell' }, { type: 'mobile', os: '^ios', manufacturer: 'apple' }] },
  classification: {
    mode: 'rules',
    rules: [
      { category: 'Phones', condition: "OperatingSystem IN ('iOS', 'Android')" },
      { category: 'Laptops', condition: "Model LIKE 'Latitude%'" },
    ],
    fallback: 'Other',
    group: 'Hardware',
    keepExistingCategory: true,
    categoryDefaults: {
      Phones: { condition: 'Good', subStatus: 'Ready to deploy', store: { site: 'Lisbon', location: 'HQ', store: 'IT Store' } },
      Laptops: { subStatus: 'Imaged' },
    },
  },
  mapping: {
    fields: {
      memoryGb: { expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)' },
      name: { sourceOfTruth: 'intune' },
      model: { expression: 'UPPER(Model)' },
      'category.Encrypted': { expression: "CASE WHEN IsEncrypted = 1 THEN 'Yes' ELSE 'No' END", sourceOfTruth: 'register' },
      imei: null,
    },
  },
  matching: { field: 'imei', createNew: false },
  allocation: {
    ownerField: 'emailAddress', userField: 'employeeId', subStatus: 'In use', usageType: 'Primary', floor: '2',
    purpose: 'Work', createMissingUsers: false, unlinkWhenNoMatch: true, mdmDrivenUpdates: true, useUserSite: false,
  },
  defaults: { store: { site: 'Porto', location: 'Office', store: 'Main' } },
  lifecycle: { newStatus: 'in_transit', deletedStatus: 'missing', recoveredStatus: 'in_store', inactiveAfterDays: 2, inactiveStatus: 'retired' },
};

function roundTrip(doc: ConnectionSettings): ConnectionSettings {
  const { document, issues } = documentFromForm(formFromDocument(doc, { hasSecret: true }));
  expect(issues).toEqual([]);
  expect(document).not.toHaveProperty('clientSecret');
  return settings(document);
}

function withoutKeys(form: ConnectionForm): unknown {
  return JSON.parse(JSON.stringify(form, (k: string, v: unknown) => (k === 'key' ? undefined : v)));
}

describe('document ⇄ form', () => {
  it('round-trips a document that sets every section', () => {
    const doc = settings(RICH);
    expect(roundTrip(doc)).toEqual(doc);
  });

  it('round-trips the defaults of a minimal document', () => {
    const doc = settings({ name: 'Minimal', tenantId: TENANT, clientId: CLIENT });
    expect(roundTrip(doc)).toEqual(doc);
    expect(roundTrip(doc).mapping.fields).toEqual({});
  });

  it('round-trips form → document → form', () => {
    const form = formFromDocument(settings(RICH), { hasSecret: true });
    const again = formFromDocument(settings(documentFromForm(form).document), { hasSecret: true });
    expect(withoutKeys(again)).toEqual(withoutKeys(form));
  });

  it('shows the effective mapping: defaults merged with the document, removed defaults left out', () => {
    const form = formFromDocument(settings(RICH), { hasSecret: true });
    const byTarget = new Map(form.mapping.map((r) => [r.target, r]));
    expect(byTarget.has('imei')).toBe(false);
    expect(byTarget.get('serialNumber')).toMatchObject({ expression: 'SerialNumber', sourceOfTruth: 'register' });
    expect(byTarget.get('name')).toMatchObject({ sourceOfTruth: 'intune' });
    expect(byTarget.get('memoryGb')).toMatchObject({ expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)', sourceOfTruth: 'intune' });
    expect(byTarget.get('category.Encrypted')).toMatchObject({ sourceOfTruth: 'register' });
  });

  it('sends a removed default mapping row as null', () => {
    const form = formFromDocument(settings({ name: 'X', tenantId: TENANT, clientId: CLIENT }), { hasSecret: true });
    const { document } = documentFromForm({ ...form, mapping: form.mapping.filter((r) => r.target !== 'wifiMac') });
    expect(document.mapping?.fields).toEqual({ wifiMac: null });
  });

  it('keeps the stored secret unless a new one is typed, and always sends it for a new connection', () => {
    const stored = formFromDocument(settings(RICH), { hasSecret: true });
    expect(documentFromForm(stored).document).not.toHaveProperty('clientSecret');
    expect(documentFromForm({ ...stored, clientSecret: 'new' }).document.clientSecret).toBe('new');
    expect(documentFromForm(newConnectionForm()).document.clientSecret).toBe('');
  });

  it('names numbers that are not numbers and duplicated rows', () => {
    const form = formFromDocument(settings(RICH), { hasSecret: true });
    const { issues } = documentFromForm({
      ...form,
      batchSize: 'fifty',
      syncNowDebounceMinutes: '',
      retireSafetyPercent: '1.5.0',
      lifecycle: { ...form.lifecycle, inactiveAfterDays: '2 days' },
      mapping: [...form.mapping, { key: 'dup', target: 'model', expression: 'Model', sourceOfTruth: 'intune' }],
      classification: { ...form.classification, categoryDefaults: [...form.classification.categoryDefaults, { ...form.classification.categoryDefaults[0]!, key: 'dup2' }] },
    });
    expect(issues).toEqual([
      { path: 'syncNowDebounceMinutes', message: 'enter a whole number' },
      { path: 'batchSize', message: "'fifty' is not a whole number" },
      { path: 'retireSafetyPercent', message: "'1.5.0' is not a number" },
      { path: 'mapping.fields.model', message: 'model is mapped twice; keep one row' },
      { path: 'lifecycle.inactiveAfterDays', message: "'2 days' is not a whole number" },
      { path: 'classification.categoryDefaults.Phones', message: 'Phones has defaults twice; keep one row' },
    ]);
  });

  it('starts a new connection at the seeds defaults with empty credentials', () => {
    const form = newConnectionForm();
    expect(form).toMatchObject({
      name: '', tenantId: '', clientId: '', clientSecret: '', hasSecret: false, syncMode: 'inventory', schedule: '0 2 * * *',
      syncNowDebounceMinutes: '30', batchSize: '50', retireSafetyPercent: '20', selectedFields: null,
    });
    expect(form.filters).toMatchObject({ corporateOnly: true, requireValidSerial: true, excludeDesktops: false, platforms: '' });
    expect(form.deviceTypeRules.length).toBeGreaterThan(10);
    expect(form.allocation).toMatchObject({ enabled: true, ownerField: 'userPrincipalName', userField: 'email', subStatus: '' });
  });

  it('gives a new connection, once its credentials are typed, a document the schema accepts as the seeds defaults', () => {
    const form = { ...newConnectionForm(), name: 'Fresh', tenantId: TENANT, clientId: CLIENT, clientSecret: 'value' };
    const { document, issues } = documentFromForm(form);
    expect(issues).toEqual([]);
    const parsed = connectionInputSchema.safeParse(document);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(connectionInputSchema.parse({ name: 'Fresh', tenantId: TENANT, clientId: CLIENT, clientSecret: 'value' }));
  });
});
