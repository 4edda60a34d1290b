import { describe, expect, it } from 'vitest';
import { FaultController, parseFaultSpec } from './faults.js';

describe('parseFaultSpec', () => {
  it.each([
    ['throttle:retry-after=2.128:on=managedDevices:count=2', { kind: 'throttle', retryAfterSec: 2.128, route: 'managedDevices', count: 2 }],
    ['throttle:retry-after-date=3', { kind: 'throttle', retryAfterDateSec: 3 }],
    ['reset:on=managedDevices:page=2', { kind: 'reset', route: 'managedDevices', onPage: 2 }],
    ['token-expiry:after=10', { kind: 'token-expiry', onRequest: 11 }],
    ['unavailable:count=always', { kind: 'unavailable', count: Infinity }],
    ['intune-500:on=managedDevice:request=4', { kind: 'intune-500', route: 'managedDevice', onRequest: 4 }],
  ])('parses %s', (text, expected) => {
    expect(parseFaultSpec(text)).toEqual(expected);
  });

  it.each([
    ['explode', /kind/],
    ['throttle:on=printers', /route/],
    ['throttle:bogus=1', /unknown option 'bogus'/],
    ['throttle:count=two', /'count' needs a number/],
    ['throttle:page=0', /onPage/],
  ])('rejects %s naming the problem', (text, message) => {
    expect(() => parseFaultSpec(text)).toThrow(message);
  });
});

describe('FaultController', () => {
  it('fires count times on the matching route only', () => {
    const faults = new FaultController([{ kind: 'throttle', route: 'users', count: 2 }]);
    expect(faults.next({ route: 'managedDevices' })).toBeUndefined();
    expect(faults.next({ route: 'users' })?.kind).toBe('throttle');
    expect(faults.next({ route: 'users' })?.kind).toBe('throttle');
    expect(faults.next({ route: 'users' })).toBeUndefined();
  });

  it('waits for the Nth request and matches pages', () => {
    const faults = new FaultController([{ kind: 'unavailable', onRequest: 3 }, { kind: 'reset', onPage: 2, route: 'managedDevices' }]);
    expect(faults.next({ route: 'users' })).toBeUndefined();
    expect(faults.next({ route: 'managedDevices', page: 1 })).toBeUndefined();
    expect(faults.next({ route: 'managedDevices', page: 2 })?.kind).toBe('unavailable');
    expect(faults.next({ route: 'managedDevices', page: 2 })?.kind).toBe('reset');
  });

  it('never applies transport faults to $batch items', () => {
    const faults = new FaultController([{ kind: 'reset' }]);
    expect(faults.next({ route: 'managedDevice', inBatch: true })).toBeUndefined();
    expect(faults.next({ route: 'managedDevice' })?.kind).toBe('reset');
  });

  it('clears and lists', () => {
    const faults = new FaultController();
    faults.add({ kind: 'gateway-timeout' });
    expect(faults.list()).toEqual([{ kind: 'gateway-timeout' }]);
    faults.clear();
    expect(faults.list()).toEqual([]);
  });
});
