import { MAPPING_TARGETS } from '@intune-assets/contracts';
import { describe, expect, test } from 'vitest';
import { registerFields } from './register-fields.js';

describe('registerFields', () => {
  test('every mappable target, labelled and typed as the mapper stores it', () => {
    const fields = registerFields();
    expect(fields.map((f) => f.target)).toEqual([...MAPPING_TARGETS]);
    expect(fields.find((f) => f.target === 'memoryGb')).toEqual({ target: 'memoryGb', label: 'Memory (GB)', type: 'number', defaultExpression: null, defaultSourceOfTruth: 'intune' });
    expect(fields.find((f) => f.target === 'name')).toMatchObject({ type: 'text', defaultSourceOfTruth: 'register', defaultExpression: expect.stringContaining('COALESCE') });
  });
});
