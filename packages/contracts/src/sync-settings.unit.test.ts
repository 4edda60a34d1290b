import { describe, expect, test } from 'vitest';
import { connectionInputSchema } from './connection.js';
import type { ConnectionInput } from './connection.js';
import { DEFAULT_DEVICE_TYPE_RULES } from './device-type-rules.js';
import { toFieldIssues } from './issues.js';

const required = {
  name: 'Contoso',
  tenantId: '0b5f2a7e-6c1d-4a43-9a58-2f3b1f6d9e11',
  clientId: 'c2d7e3f4-1a2b-4c5d-8e9f-0a1b2c3d4e5f',
  clientSecret: 's3cret',
};

describe('sync settings in the connection document', () => {
  test('a document without sync sections gets the defaults of SPEC §4.11b', () => {
    const doc = connectionInputSchema.parse(required);
    expect(doc.filters).toEqual({
      corporateOnly: true,
      requireValidSerial: true,
      excludeDesktops: false,
      excludeDefenderOnly: false,
      excludeUnknownType: true,
      platforms: null,
      groupIds: null,
      condition: null,
    });
    expect(doc.deviceTypes.rules).toEqual(DEFAULT_DEVICE_TYPE_RULES);
    expect(doc.classification).toEqual({
      mode: 'deviceType',
      deviceTypeCategories: { laptop: 'Laptop', desktop: 'Desktop', tablet: 'Tablet', mobile: 'Mobile Phone', virtual: 'Virtual Machine' },
      category: null,
      field: null,
      rules: [],
      fallback: null,
      group: 'Computers and Mobile Devices',
      keepExistingCategory: false,
      categoryDefaults: {},
    });
    expect(doc.mapping).toEqual({ fields: {} });
    expect(doc.matching).toEqual({ field: 'serialNumber', createNew: true });
    expect(doc.allocation).toEqual({
      enabled: true,
      ownerField: 'userPrincipalName',
      userField: 'email',
      subStatus: null,
      usageType: null,
      floor: null,
      purpose: null,
      createMissingUsers: true,
      unlinkWhenNoMatch: false,
      mdmDrivenUpdates: false,
      useUserSite: true,
    });
    expect(doc.defaults).toEqual({ store: null });
    expect(doc.lifecycle).toEqual({ newStatus: 'in_store', deletedStatus: null, recoveredStatus: null, inactiveAfterDays: null, inactiveStatus: 'inactive' });
    expect({ syncMode: doc.syncMode, retireSafetyPercent: doc.retireSafetyPercent, batchSize: doc.batchSize, schedule: doc.schedule, debounce: doc.syncNowDebounceMinutes })
      .toEqual({ syncMode: 'inventory', retireSafetyPercent: 20, batchSize: 50, schedule: '0 2 * * *', debounce: 30 });
  });

  test('a partly given section keeps the defaults of the keys left out', () => {
    const doc = connectionInputSchema.parse({ ...required, filters: { excludeDesktops: true }, allocation: { userField: 'upn' } });
    expect(doc.filters).toMatchObject({ excludeDesktops: true, corporateOnly: true, excludeUnknownType: true });
    expect(doc.allocation).toMatchObject({ userField: 'upn', ownerField: 'userPrincipalName', enabled: true });
  });

  test('the shipped device type rules are a copy: editing a parsed document does not change the defaults', () => {
    const doc = connectionInputSchema.parse(required);
    expect(doc.deviceTypes.rules).not.toBe(DEFAULT_DEVICE_TYPE_RULES);
    expect(doc.deviceTypes.rules[0]).not.toBe(DEFAULT_DEVICE_TYPE_RULES[0]);
  });

  test('a full document with every section round-trips unchanged', () => {
    const full: ConnectionInput = {
      ...required,
      graphApiVersion: 'beta',
      selectedFields: ['deviceName', 'serialNumber', 'physicalMemoryInBytes', 'chassisType'],
      filters: {
        corporateOnly: false,
        requireValidSerial: true,
        excludeDesktops: true,
        excludeDefenderOnly: true,
        excludeUnknownType: false,
        platforms: ['Windows', 'macOS'],
        groupIds: ['5e3f9a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b'],
        condition: "ComplianceState <> 'retired'",
      },
      deviceTypes: { rules: [{ type: 'laptop', manufacturer: 'dell', model: 'latitude', note: 'Dell laptops' }, { type: 'desktop', model: 'optiplex' }] },
      classification: {
        mode: 'rules',
        deviceTypeCategories: { laptop: 'Notebook', desktop: 'Desktop', tablet: 'Tablet', mobile: 'Phone', virtual: 'VM' },
        category: null,
        field: 'deviceCategoryDisplayName',
        rules: [
          { category: 'Phones', condition: "OperatingSystem IN ('iOS', 'Android')" },
          { category: 'Laptops', condition: "Model LIKE '%Latitude%'" },
        ],
        fallback: 'Other Devices',
        group: 'End-user Devices',
        keepExistingCategory: true,
        categoryDefaults: {
          Laptops: { condition: 'Good', subStatus: 'Ready to deploy', store: { site: 'Lisbon', location: 'HQ', store: 'IT Store' } },
          Phones: { subStatus: null },
        },
      },
      mapping: {
        fields: {
          memoryGb: { expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)' },
          model: { sourceOfTruth: 'register' },
          imei: null,
          'category.Compliance': { expression: "CASE WHEN ComplianceState = 'compliant' THEN 'Yes' ELSE 'No' END", sourceOfTruth: 'intune' },
        },
      },
      matching: { field: 'azureAdDeviceId', createNew: false },
      allocation: {
        enabled: true,
        ownerField: 'emailAddress',
        userField: 'employeeId',
        subStatus: 'In use',
        usageType: 'Primary',
        floor: '2nd floor',
        purpose: 'Daily work',
        createMissingUsers: false,
        unlinkWhenNoMatch: true,
        mdmDrivenUpdates: true,
        useUserSite: false,
      },
      defaults: { store: { site: 'Lisbon', location: 'HQ', store: 'IT Store' } },
      lifecycle: { newStatus: 'in_transit', deletedStatus: 'missing', recoveredStatus: 'in_store', inactiveAfterDays: 2, inactiveStatus: 'inactive' },
    };
    const once = connectionInputSchema.parse(full);
    expect(once).toMatchObject({ ...full, clientId: full.clientId.toLowerCase() });
    expect(connectionInputSchema.parse(once)).toEqual(once);
    expect(connectionInputSchema.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });

  const bad: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['unknown filter key', { filters: { excludeDesktop: true } }, 'filters.excludeDesktop', /unknown key/],
    ['empty platform list', { filters: { platforms: [] } }, 'filters.platforms', /use null for all platforms/],
    ['group id not a GUID', { filters: { groupIds: ['Sales'] } }, 'filters.groupIds[0]', /GUID/],
    ['blank condition', { filters: { condition: '  ' } }, 'filters.condition', /empty/],
    ['regex that does not compile', { deviceTypes: { rules: [{ type: 'laptop', model: 'thinkpad(' }] } }, 'deviceTypes.rules[0].model', /regular expression/],
    ['unknown device type', { deviceTypes: { rules: [{ type: 'server' }] } }, 'deviceTypes.rules[0].type', /./],
    ['single mode without category', { classification: { mode: 'single' } }, 'classification.category', /required when mode is 'single'/],
    ['field mode without field', { classification: { mode: 'field' } }, 'classification.field', /required when mode is 'field'/],
    ['rules mode without rules', { classification: { mode: 'rules' } }, 'classification.rules', /at least one rule/],
    ['rule without condition', { classification: { mode: 'rules', rules: [{ category: 'A' }] } }, 'classification.rules[0].condition', /./],
    ['store missing its location', { defaults: { store: { site: 'S', store: 'T' } } }, 'defaults.store.location', /./],
    ['unknown mapping target', { mapping: { fields: { colr: { expression: "'red'" } } } }, 'mapping.fields.colr', /unknown target/],
    ['target without default needs an expression', { mapping: { fields: { memoryGb: { sourceOfTruth: 'intune' } } } }, 'mapping.fields.memoryGb.expression', /no default mapping/],
    ['empty category field name', { mapping: { fields: { 'category.': { expression: "'x'" } } } }, 'mapping.fields.category.', /unknown target/],
    ['bad source of truth', { mapping: { fields: { model: { sourceOfTruth: 'both' } } } }, 'mapping.fields.model.sourceOfTruth', /./],
    ['unknown match field', { matching: { field: 'udid' } }, 'matching.field', /./],
    ['unknown owner field', { allocation: { ownerField: 'mail' } }, 'allocation.ownerField', /./],
    ['unknown status', { lifecycle: { deletedStatus: 'gone' } }, 'lifecycle.deletedStatus', /./],
    ['inactive threshold of zero days', { lifecycle: { inactiveAfterDays: 0 } }, 'lifecycle.inactiveAfterDays', /./],
  ];
  test.each(bad)('%s is refused, naming the path', (_title, patch, path, message) => {
    const result = connectionInputSchema.safeParse({ ...required, ...patch });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : toFieldIssues(result.error);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});
