import { describe, expect, it } from 'vitest';
import type { ManagedDevice } from '../../domain/managed-device.js';
import { GARBAGE_SERIALS } from './catalogue.js';
import { generateFleet } from './generate-fleet.js';

const NOW = Date.UTC(2025, 5, 1);
const fleet = generateFleet({ devices: 5000, seed: 42, nowMs: NOW });
const share = (predicate: (d: ManagedDevice) => boolean): number => fleet.devices.filter(predicate).length / fleet.devices.length;
const isVirtual = (d: ManagedDevice): boolean => d.model === 'Virtual Machine' || (d.model ?? '').startsWith('Cloud PC');

describe('generateFleet', () => {
  it('is deterministic for the same seed and size, and differs for another seed', () => {
    const again = generateFleet({ devices: 5000, seed: 42, nowMs: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(fleet));
    const other = generateFleet({ devices: 5000, seed: 43, nowMs: NOW });
    expect(other.devices[0]?.id).not.toBe(fleet.devices[0]?.id);
  });

  it('produces exactly the requested number of devices with unique ids', () => {
    expect(fleet.devices).toHaveLength(5000);
    expect(new Set(fleet.devices.map((d) => d.id)).size).toBe(5000);
    expect(generateFleet({ devices: 0, seed: 1, nowMs: NOW }).devices).toHaveLength(0);
    expect(() => generateFleet({ devices: -1, seed: 1, nowMs: NOW })).toThrow(/devices must be a non-negative integer/);
  });

  it("matches a real company's platform mix within tolerance", () => {
    const windowsPhysical = share((d) => d.operatingSystem === 'Windows' && !isVirtual(d));
    expect(windowsPhysical).toBeGreaterThan(0.6);
    expect(windowsPhysical).toBeLessThan(0.66);
    expect(share((d) => d.chassisType === 'desktop')).toBeGreaterThan(0.06);
    expect(share((d) => d.chassisType === 'desktop')).toBeLessThan(0.1);
    expect(share(isVirtual)).toBeGreaterThan(0.02);
    expect(share(isVirtual)).toBeLessThan(0.04);
    expect(share((d) => d.operatingSystem === 'iOS')).toBeGreaterThan(0.1);
    expect(share((d) => d.operatingSystem === 'iOS')).toBeLessThan(0.14);
    expect(share((d) => d.operatingSystem === 'iPadOS')).toBeGreaterThan(0.04);
    expect(share((d) => d.operatingSystem === 'Android')).toBeGreaterThan(0.08);
    expect(share((d) => d.operatingSystem === 'Android')).toBeLessThan(0.12);
    expect(share((d) => d.operatingSystem === 'macOS')).toBeGreaterThan(0.055);
    expect(share((d) => d.operatingSystem === 'macOS')).toBeLessThan(0.085);
  });

  it('uses real model strings, including Lenovo machine types', () => {
    const models = new Set(fleet.devices.map((d) => d.model));
    expect(models).toContain('Latitude 5440');
    expect(models).toContain('HP EliteBook 840 14 inch G10 Notebook PC');
    expect([...models].some((m) => /^21H[DE][A-Z0-9]{6}$/.test(m ?? ''))).toBe(true);
    expect(models).toContain('Surface Pro 9');
    const surfacePro = fleet.devices.find((d) => d.model === 'Surface Pro 9');
    expect(surfacePro?.chassisType).toBe('tablet');
  });

  it('owns about 85 % by the company, with more personal phones', () => {
    const company = share((d) => d.managedDeviceOwnerType === 'company');
    expect(company).toBeGreaterThan(0.82);
    expect(company).toBeLessThan(0.93);
    const phones = fleet.devices.filter((d) => d.chassisType === 'phone');
    const personalPhones = phones.filter((d) => d.managedDeviceOwnerType === 'personal').length / phones.length;
    expect(personalPhones).toBeGreaterThan(0.25);
  });

  it('includes about 2 % garbage serials and about 1 % duplicate serials with different ids and sync times', () => {
    const garbage = share((d) => GARBAGE_SERIALS.includes(d.serialNumber ?? ''));
    expect(garbage).toBeGreaterThan(0.01);
    expect(garbage).toBeLessThan(0.03);
    const bySerial = new Map<string, ManagedDevice[]>();
    for (const d of fleet.devices) {
      if (GARBAGE_SERIALS.includes(d.serialNumber ?? '')) continue;
      bySerial.set(d.serialNumber ?? '', [...(bySerial.get(d.serialNumber ?? '') ?? []), d]);
    }
    const duplicates = [...bySerial.values()].filter((group) => group.length > 1);
    expect(duplicates.length).toBeGreaterThanOrEqual(40);
    expect(duplicates.length).toBeLessThanOrEqual(60);
    for (const group of duplicates) expect(new Set(group.map((d) => d.lastSyncDateTime)).size).toBe(group.length);
  });

  it('points about 95 % of devices at directory users and leaves the rest with empty strings', () => {
    const upns = new Set(fleet.users.map((u) => u.userPrincipalName));
    const owned = fleet.devices.filter((d) => d.userPrincipalName !== '');
    expect(owned.length / fleet.devices.length).toBeGreaterThan(0.93);
    expect(owned.every((d) => upns.has(d.userPrincipalName ?? ''))).toBe(true);
    const unowned = fleet.devices.find((d) => d.userPrincipalName === '');
    expect(unowned?.userId).toBe('');
    expect(unowned?.emailAddress).toBe('');
    expect(fleet.users).toHaveLength(Math.ceil(5000 / 1.3));
  });

  it('spreads lastSyncDateTime over 30 days with some stale devices, after enrolment', () => {
    const ages = fleet.devices.map((d) => (NOW - Date.parse(d.lastSyncDateTime ?? '')) / 86_400_000);
    const stale = ages.filter((age) => age > 90).length / ages.length;
    expect(stale).toBeGreaterThan(0.02);
    expect(stale).toBeLessThan(0.08);
    expect(ages.every((age) => age >= 0)).toBe(true);
    expect(fleet.devices.every((d) => Date.parse(d.enrolledDateTime ?? '') < Date.parse(d.lastSyncDateTime ?? ''))).toBe(true);
  });

  it('mixes management agents: mostly mdm, some co-managed, about 1 % Defender-only', () => {
    expect(share((d) => d.managementAgent === 'mdm')).toBeGreaterThan(0.8);
    expect(share((d) => d.managementAgent === 'configurationManagerClientMdm')).toBeGreaterThan(0.05);
    const sense = share((d) => d.managementAgent === 'msSense');
    expect(sense).toBeGreaterThan(0.003);
    expect(sense).toBeLessThan(0.02);
  });

  it('gives phones IMEIs and PCs realistic memory', () => {
    const phones = fleet.devices.filter((d) => d.chassisType === 'phone');
    expect(phones.every((d) => /^\d{15}$/.test(d.imei ?? ''))).toBe(true);
    const laptops = fleet.devices.filter((d) => d.operatingSystem === 'Windows' && d.chassisType === 'laptop');
    const memory = new Set(laptops.map((d) => (d.physicalMemoryInBytes ?? 0) / 1024 ** 3));
    expect([...memory].every((gib) => [8, 16, 32, 64].includes(gib))).toBe(true);
  });

  it('generates detected apps and Autopilot identities, including not-yet-enrolled ones', () => {
    expect(fleet.detectedApps.length).toBeGreaterThanOrEqual(75);
    const pending = fleet.autopilot.filter((a) => a.enrollmentState === 'notContacted');
    expect(pending).toHaveLength(100);
    const deviceSerials = new Set(fleet.devices.map((d) => d.serialNumber));
    expect(fleet.autopilot.filter((a) => a.enrollmentState === 'enrolled').every((a) => deviceSerials.has(a.serialNumber))).toBe(true);
  });
});
