import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { FIELDS } from './fixtures.js';
import type { Value } from '../src/index.js';

const NOW = new Date('2024-06-01T12:00:00Z');

const LAPTOP = {
  id: 'a1b2',
  deviceName: ' LAPTOP-7 ',
  managedDeviceName: 'ann_Windows_5/1/2024',
  serialNumber: 'PF3ABC12',
  imei: '352099001761481',
  meid: null,
  wiFiMacAddress: 'A4C3F0112233',
  ethernetMacAddress: '001122AABBCC',
  physicalMemoryInBytes: 17179869184,
  totalStorageSpaceInBytes: 511101108224,
  freeStorageSpaceInBytes: 209715200,
  userPrincipalName: 'ann@domain.com',
  complianceState: 'compliant',
  isEncrypted: true,
};

const PHONE = {
  id: 'c3d4',
  deviceName: null,
  managedDeviceName: null,
  serialNumber: '',
  imei: '990000862471854',
  meid: null,
  wiFiMacAddress: null,
  ethernetMacAddress: null,
  physicalMemoryInBytes: 0,
  totalStorageSpaceInBytes: 68719476736,
  freeStorageSpaceInBytes: 1048576,
  userPrincipalName: 'BOB@DOMAIN.COM',
  complianceState: 'noncompliant',
  isEncrypted: false,
};

const BARE = { id: 'e5f6', serialNumber: null, imei: null, meid: '35209900176148', wiFiMacAddress: null, ethernetMacAddress: 'EEFF' };

/** Every transform example in the SymphonyAI seed, including its default Intune → Discovery table. */
const SEED: readonly (readonly [string, Record<string, unknown>, Value])[] = [
  ['COALESCE(ManagedDeviceName, DeviceName)', LAPTOP, 'ann_Windows_5/1/2024'],
  ['COALESCE(ManagedDeviceName, DeviceName)', { ...LAPTOP, managedDeviceName: null }, ' LAPTOP-7 '],
  ['COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress)', LAPTOP, 'PF3ABC12'],
  ['COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress)', BARE, '35209900176148'],
  ['PhysicalMemoryBytes / 1073741824.0', LAPTOP, 16],
  ['PhysicalMemoryBytes / 1073741824.0', { physicalMemoryInBytes: 12884901888 + 536870912 }, 12.5],
  ['FreeStorageBytes / 1048576.0', LAPTOP, 200],
  ['FreeStorageBytes / 1048576.0', { freeStorageSpaceInBytes: 1572864 }, 1.5],
  ['UPPER(DeviceName)', LAPTOP, ' LAPTOP-7 '],
  ['UPPER(DeviceName)', { deviceName: 'desktop-1' }, 'DESKTOP-1'],
  ['LOWER(UserPrincipalName)', PHONE, 'bob@domain.com'],
  ['LEFT(SerialNumber, 20)', { serialNumber: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' }, 'ABCDEFGHIJKLMNOPQRST'],
  ['LEFT(SerialNumber, 20)', LAPTOP, 'PF3ABC12'],
  ['TRIM(DeviceName)', LAPTOP, 'LAPTOP-7'],
  ["REPLACE(UserPrincipalName, '@domain.com', '')", LAPTOP, 'ann'],
  ["REPLACE(UserPrincipalName, '@domain.com', '')", PHONE, 'BOB'],
  ["CASE WHEN ComplianceState = 'compliant' THEN 'Yes' ELSE 'No' END", LAPTOP, 'Yes'],
  ["CASE WHEN ComplianceState = 'compliant' THEN 'Yes' ELSE 'No' END", PHONE, 'No'],
  ["CASE WHEN IsEncrypted = 1 THEN 'Encrypted' ELSE 'Not Encrypted' END", LAPTOP, 'Encrypted'],
  ["CASE WHEN IsEncrypted = 1 THEN 'Encrypted' ELSE 'Not Encrypted' END", PHONE, 'Not Encrypted'],
  ["'Intune'", LAPTOP, 'Intune'],
  ['GETUTCDATE()', LAPTOP, NOW],
  ["COALESCE(NULLIF(SerialNumber, ''), IMEI)", PHONE, '990000862471854'],
  ["COALESCE(NULLIF(SerialNumber, ''), IMEI)", LAPTOP, 'PF3ABC12'],
  ["UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))", PHONE, 'UNKNOWN'],
  ["UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))", { deviceName: `pc-${'x'.repeat(60)}` }, `PC-${'X'.repeat(47)}`],
  // The default Intune → Discovery table.
  ['COALESCE(ManagedDeviceName, DeviceName)', PHONE, null],
  ['COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress, EthernetMacAddress)', { ...BARE, meid: null }, 'EEFF'],
  ['COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress, EthernetMacAddress)', PHONE, ''],
  ['COALESCE(EthernetMacAddress, WiFiMacAddress)', LAPTOP, '001122AABBCC'],
  ['COALESCE(EthernetMacAddress, WiFiMacAddress)', { ...LAPTOP, ethernetMacAddress: null }, 'A4C3F0112233'],
  ['COALESCE(EthernetMacAddress, WiFiMacAddress)', PHONE, null],
  ['PhysicalMemoryBytes / 1073741824.0', PHONE, 0],
  ['TotalStorageBytes / 1073741824.0', LAPTOP, 476],
  ['TotalStorageBytes / 1073741824.0', PHONE, 64],
  ["'Intune'", PHONE, 'Intune'],
];

describe('SymphonyAI seed transforms', () => {
  it.each(SEED)('%s on %j', (source, record, expected) => {
    const res = compile(source, { fields: FIELDS });
    if (!res.ok) throw new Error(res.errors.map((e) => e.format(source)).join('\n'));
    expect(res.expr.evaluate(record, { now: NOW })).toEqual({ ok: true, value: expected });
  });

  it('the seed table writes the Data_Source transform unquoted; it only works as a string literal', () => {
    const bare = compile('Intune', { fields: FIELDS });
    expect(!bare.ok && bare.errors[0]?.code).toBe('unknown_field');
    expect(!bare.ok && bare.errors[0]?.summary).toMatch(/text goes in single quotes: 'Intune'/);
  });
});
