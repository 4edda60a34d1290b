import { describe, expect, test } from 'vitest';
import type { ManagedDevice } from '../domain/managed-device.js';
import { issuesFor, planFor } from './testing/plan-for.js';
import { CLOUD_PC, IPHONE, LAPTOP } from './testing/sample-devices.js';

const IDENTITY = [
  'id', 'serialNumber', 'deviceName', 'managedDeviceName', 'lastSyncDateTime', 'managedDeviceOwnerType', 'managementAgent', 'operatingSystem',
  'model', 'manufacturer', 'azureADDeviceId', 'userPrincipalName',
];

describe('compileSyncPlan: the default mapping', () => {
  const plan = planFor();

  test.each([
    ['a Windows laptop', LAPTOP, {
      name: 'CONTOSO-LT-0142', serialNumber: '8HXK2Y3', make: 'Dell Inc.', model: 'Latitude 5440', os: 'Windows',
      osVersion: '10.0.22631.3593', storageGb: 476, imei: null, meid: null, wifiMac: '7C2A3186A0F1',
      intuneDeviceId: '1f0c3a52-8d1e-4c55-9a7b-33e1d2f4a001', azureAdDeviceId: '7b1d9c0e-2f4a-4e8b-9c3d-5a6b7c8d9e01',
      managementState: 'managed', lastSeenInSourceAt: '2024-05-20T07:45:10.000Z',
    }],
    ['an iPhone', IPHONE, {
      name: "Ana's iPhone", serialNumber: 'F2LZK1ABN72J', make: 'Apple', model: 'iPhone 15 Pro', os: 'iOS', osVersion: '17.4.1',
      storageGb: 119, imei: '35 391811 234567 8', meid: '35391811234567', wifiMac: 'a4c3f0e1b2d3',
      intuneDeviceId: '2a7d4b63-9e2f-4d66-8b8c-44f2e3a5b002', azureAdDeviceId: '8c2e0d1f-3a5b-4f9c-8d4e-6b7c8d9e0f12',
      managementState: 'managed', lastSeenInSourceAt: '2024-05-20T07:45:10.000Z',
    }],
    ['the real-world Cloud PC (Graph defaults become null)', CLOUD_PC, {
      name: 'CPC-achak-A17OZ', serialNumber: '0000-0014-0657-8375-4585-0309-11', make: 'Microsoft Corporation',
      model: 'Cloud PC Enterprise 2vCPU/4GB/128GB', os: 'Windows', osVersion: '10.0.19044.3693', storageGb: 127, imei: null,
      meid: null, wifiMac: null, intuneDeviceId: '9b5ca08f-2311-4164-b725-2d29609b35f2',
      azureAdDeviceId: '21fa9ef6-f319-4ee2-8c87-097e34eeada7', managementState: 'managed', lastSeenInSourceAt: '2024-04-13T20:23:18.000Z',
    }],
  ])('maps %s', (_title, device, fields) => {
    expect(plan.map(device)).toEqual({ ok: true, value: { fields, categoryValues: {} } });
  });

  test('the name falls back to the managed device name when the device name is null', () => {
    const result = plan.map({ ...LAPTOP, deviceName: null });
    expect(result.ok && result.value.fields.name).toBe('ana.silva_Windows_2/1/2024_9:12 AM');
  });

  test('reads no GET-only field: nothing to enrich, and the list call asks for identity plus what the mapping reads', () => {
    expect(plan.enrichFields).toEqual([]);
    expect(plan.listFields).toEqual([
      ...IDENTITY, 'osVersion', 'totalStorageSpaceInBytes', 'imei', 'meid', 'wiFiMacAddress', 'managementState',
    ]);
  });

  test("source of truth follows allwhere's list; the register keeps name and serial", () => {
    expect(plan.sourceOfTruth).toEqual({
      name: 'register', serialNumber: 'register', make: 'intune', model: 'intune', os: 'intune', osVersion: 'intune',
      storageGb: 'intune', imei: 'intune', meid: 'intune', wifiMac: 'intune', intuneDeviceId: 'intune', azureAdDeviceId: 'intune',
      managementState: 'intune', lastSeenInSourceAt: 'intune',
    });
  });

  test('carries the settings the pipeline reads', () => {
    expect(plan).toMatchObject({
      connectionId: 'conn-1',
      departmentId: 'dept-1',
      integrationUser: 'intune-connector',
      graphApiVersion: 'v1.0',
      batchSize: 50,
      match: { field: 'serialNumber', createNew: true },
      allocation: { enabled: true, ownerField: 'userPrincipalName', userField: 'email', createMissingUsers: true, mdmDrivenUpdates: false },
      lifecycle: { newStatus: 'in_store', deletedStatus: null, recoveredStatus: null, inactiveAfterDays: null, inactiveStatus: 'inactive', retireSafetyPercent: 20 },
      keepExistingCategory: false,
      defaultStore: null,
    });
  });
});

describe('compileSyncPlan: mapping settings', () => {
  test('GET-only fields a mapping reads go to enrichFields, not to the list call', () => {
    const plan = planFor({
      mapping: { fields: { memoryGb: { expression: 'PhysicalMemoryBytes / 1073741824.0' }, ethernetMac: { expression: 'EthernetMacAddress' } } },
    });
    expect(plan.enrichFields).toEqual(['physicalMemoryInBytes', 'ethernetMacAddress']);
    expect(plan.listFields).not.toContain('physicalMemoryInBytes');
    const enriched: ManagedDevice = { ...LAPTOP, physicalMemoryInBytes: 17_179_869_184, ethernetMacAddress: '00155D01A2B3' };
    const result = plan.map(enriched);
    expect(result.ok && result.value.fields).toMatchObject({ memoryGb: 16, ethernetMac: '00155D01A2B3' });
    expect(plan.sourceOfTruth.memoryGb).toBe('intune');
  });

  test('the list default of a GET-only field (0) maps to null, so it never overwrites the register', () => {
    const plan = planFor({ mapping: { fields: { memoryGb: { expression: 'PhysicalMemoryBytes / 1073741824.0' } } } });
    const result = plan.map(LAPTOP);
    expect(result.ok && result.value.fields.memoryGb).toBeNull();
  });

  test('null removes a default mapping; a sourceOfTruth alone keeps the default expression', () => {
    const plan = planFor({ mapping: { fields: { imei: null, meid: null, model: { sourceOfTruth: 'register' } } } });
    const result = plan.map(IPHONE);
    expect(result.ok && Object.keys(result.value.fields)).not.toContain('imei');
    expect(result.ok && result.value.fields.model).toBe('iPhone 15 Pro');
    expect(plan.sourceOfTruth).toMatchObject({ model: 'register' });
    expect(plan.sourceOfTruth.imei).toBeUndefined();
    expect(plan.listFields).not.toContain('meid');
  });

  test('category fields are filled from category.<name> targets, keeping their type', () => {
    const plan = planFor({
      mapping: {
        fields: {
          'category.Encrypted': { expression: 'IsEncrypted' },
          'category.Compliance': { expression: "CASE WHEN ComplianceState = 'compliant' THEN 'Yes' ELSE 'No' END" },
          'category.Free GB': { expression: 'ROUND(FreeStorageBytes / 1073741824.0, 1)' },
        },
      },
    });
    const result = plan.map(LAPTOP);
    expect(result.ok && result.value.categoryValues).toEqual({ Encrypted: true, Compliance: 'Yes', 'Free GB': 280.8 });
    expect(plan.listFields).toEqual(expect.arrayContaining(['isEncrypted', 'complianceState', 'freeStorageSpaceInBytes']));
  });

  test('a mapping that fails at run time is a per-device error naming the field and the expr code', () => {
    const plan = planFor({ mapping: { fields: { displaySize: { expression: 'TotalStorageBytes / (FreeStorageBytes - FreeStorageBytes)' } } } });
    expect(plan.map(LAPTOP)).toEqual({
      ok: false,
      field: 'displaySize',
      code: 'division_by_zero',
      message: expect.stringMatching(/^displaySize: division_by_zero at 1:1: /),
    });
  });

  test('a value the target cannot hold is a per-device type_mismatch', () => {
    const plan = planFor({ mapping: { fields: { releaseDate: { expression: 'DeviceName' } } } });
    expect(plan.map(LAPTOP)).toMatchObject({ ok: false, field: 'releaseDate', code: 'type_mismatch' });
    expect(planFor({ mapping: { fields: { releaseDate: { expression: 'EnrolledDateTime' } } } }).map(LAPTOP)).toMatchObject({
      ok: true,
      value: { fields: { releaseDate: '2024-02-01' } },
    });
  });

  const seedTransforms = [
    'COALESCE(ManagedDeviceName, DeviceName)',
    'COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress)',
    'PhysicalMemoryBytes / 1073741824.0',
    'FreeStorageBytes / 1048576.0',
    'UPPER(DeviceName)',
    'LOWER(UserPrincipalName)',
    'LEFT(SerialNumber, 20)',
    'TRIM(DeviceName)',
    "REPLACE(UserPrincipalName, '@domain.com', '')",
    "CASE WHEN ComplianceState = 'compliant' THEN 'Yes' ELSE 'No' END",
    "CASE WHEN IsEncrypted = 1 THEN 'Encrypted' ELSE 'Not Encrypted' END",
    "'Intune'",
    'GETUTCDATE()',
    "COALESCE(NULLIF(SerialNumber, ''), IMEI)",
    "UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))",
    'COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress, EthernetMacAddress)',
    'COALESCE(EthernetMacAddress, WiFiMacAddress)',
    'TotalStorageBytes / 1073741824.0',
  ];
  test.each(seedTransforms)('the SymphonyAI seed transform %s works verbatim as a mapping', (expression) => {
    const plan = planFor({ mapping: { fields: { 'category.Seed': { expression } } } });
    const result = plan.map(IPHONE);
    expect(result.ok).toBe(true);
  });
});

describe('compileSyncPlan: issues at save time', () => {
  test('a misspelt field is an issue with path, code, span and a located message', () => {
    expect(issuesFor({ mapping: { fields: { name: { expression: "COALESCE(DevceName, 'x')" } } } })).toEqual([{
      path: 'mapping.fields.name.expression',
      code: 'unknown_field',
      span: { start: 9, end: 18 },
      message: "unknown_field at 1:10: unknown field 'DevceName'; did you mean 'deviceName'?",
    }]);
  });

  test('a syntax error is located too', () => {
    expect(issuesFor({ filters: { condition: "OperatingSystem = 'iOS' AND" } })).toEqual([
      expect.objectContaining({ path: 'filters.condition', code: 'unexpected_end', span: expect.objectContaining({ start: expect.any(Number) }) }),
    ]);
  });

  test('every broken expression of the document is reported at once, each at its path', () => {
    const issues = issuesFor({
      filters: { condition: 'Nope = 1' },
      classification: { mode: 'rules', rules: [{ category: 'A', condition: 'TRUE' }, { category: 'B', condition: 'TRUE' }, { category: 'C', condition: 'FOO(1)' }] },
      mapping: { fields: { memoryGb: { expression: 'PhysicalMemoryBytes /' } } },
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['filters.condition', 'unknown_field'],
      ['classification.rules[2].condition', 'unknown_function'],
      ['mapping.fields.memoryGb.expression', 'unexpected_end'],
    ]);
  });

  test('a mapping on a field outside selectedFields is an error naming the field', () => {
    const issues = issuesFor({
      selectedFields: ['deviceName', 'osVersion'],
      mapping: { fields: { memoryGb: { expression: 'PhysicalMemoryBytes / 1073741824.0' } } },
    });
    expect(issues).toEqual([{
      path: 'mapping.fields.memoryGb.expression',
      code: 'field_not_selected',
      span: { start: 0, end: 19 },
      message: "field_not_selected at 1:1: field 'PhysicalMemoryBytes' (physicalMemoryInBytes) is not among the connection's selected fields; add it to selectedFields",
    }]);
  });

  test('with selectedFields, defaults reading unselected fields are left out; identity fields stay readable', () => {
    const plan = planFor({ selectedFields: ['osVersion'] });
    const result = plan.map(IPHONE);
    expect(result.ok && Object.keys(result.value.fields)).toEqual([
      'name', 'serialNumber', 'make', 'model', 'os', 'osVersion', 'intuneDeviceId', 'azureAdDeviceId', 'lastSeenInSourceAt',
    ]);
    expect(plan.listFields).toEqual([...IDENTITY, 'osVersion']);
  });

  test('a category field outside the selection or unknown is an issue on classification.field', () => {
    expect(issuesFor({ selectedFields: ['osVersion'], classification: { mode: 'field', field: 'deviceCategoryDisplayName' } })).toEqual([
      expect.objectContaining({ path: 'classification.field', code: 'field_not_selected' }),
    ]);
    expect(issuesFor({ classification: { mode: 'field', field: 'assetType' } })).toEqual([
      { path: 'classification.field', code: 'unknown_field', message: "unknown Intune field 'assetType'" },
    ]);
  });

  test('a beta-only field is unknown on v1.0 and readable on beta', () => {
    const patch = { classification: { mode: 'rules', rules: [{ category: 'Laptops', condition: "ChassisType = 'laptop'" }] } };
    expect(issuesFor(patch).map((i) => i.code)).toEqual(['unknown_field']);
    const plan = planFor({ ...patch, graphApiVersion: 'beta' });
    expect(plan.listFields).toContain('chassisType');
  });

  test('matching by a field whose mapping was removed is refused', () => {
    expect(issuesFor({ matching: { field: 'imei' }, mapping: { fields: { imei: null } } })).toEqual([
      expect.objectContaining({ path: 'matching.field', code: 'match_field_unmapped' }),
    ]);
    expect(planFor({ matching: { field: 'mac' }, mapping: { fields: { wifiMac: null, ethernetMac: { expression: 'EthernetMacAddress' } } } }).match.field).toBe('mac');
  });

  test('device type regexes are vetted: catastrophic backtracking is refused with the rule path', () => {
    expect(issuesFor({ deviceTypes: { rules: [{ type: 'laptop', model: 'latitude' }, { type: 'desktop', manufacturer: '(a+)+$' }] } })).toEqual([
      expect.objectContaining({ path: 'deviceTypes.rules[1].manufacturer', code: 'unsafe_regex' }),
    ]);
  });

  test('edited device type rules drive detection', () => {
    const plan = planFor({ deviceTypes: { rules: [{ type: 'desktop', model: "latitude|o'brien" }] } });
    expect(plan.detectType(LAPTOP)).toBe('desktop');
    expect(plan.detectType(IPHONE)).toBeNull();
  });

  test('the owner field is always requested', () => {
    expect(planFor({ allocation: { ownerField: 'emailAddress' } }).listFields).toContain('emailAddress');
    expect(planFor({ allocation: { ownerField: 'userId' } }).listFields).toContain('userId');
  });
});

describe('compileSyncPlan: category field mappings', () => {
  test("each category field's sourceOfTruth reaches the plan (default intune)", () => {
    const plan = planFor({
      mapping: {
        fields: {
          'category.RAM': { expression: 'ROUND(PhysicalMemoryBytes / 1073741824.0, 0)' },
          'category.Cost Centre': { expression: "'CC-100'", sourceOfTruth: 'register' },
        },
      },
    });
    expect(plan.categorySourceOfTruth).toEqual({ RAM: 'intune', 'Cost Centre': 'register' });
    expect(plan.sourceOfTruth).not.toHaveProperty('RAM');
  });
});
