import { describe, expect, it } from 'vitest';
import { roleAtLeast } from './session.js';

describe('roleAtLeast', () => {
  it('orders viewer < analyst < admin', () => {
    expect(roleAtLeast('admin', 'analyst')).toBe(true);
    expect(roleAtLeast('analyst', 'analyst')).toBe(true);
    expect(roleAtLeast('analyst', 'admin')).toBe(false);
    expect(roleAtLeast('viewer', 'analyst')).toBe(false);
    expect(roleAtLeast('viewer', 'viewer')).toBe(true);
  });
});
