import { describe, expect, it } from 'vitest';
import { ApiError, query } from './client.js';

describe('query', () => {
  it('keeps only defined, non-empty values', () => {
    expect(query({ a: 1, b: '', c: null, d: undefined, e: 'x y', f: false })).toBe('?a=1&e=x+y&f=false');
    expect(query({})).toBe('');
  });
});

describe('ApiError.issues', () => {
  it('reads the field issues of a 422 and is empty for anything else', () => {
    const issues = [{ path: 'tenantId', message: 'must be a GUID' }];
    expect(new ApiError(422, 'input_invalid', 'bad', { issues }).issues).toEqual(issues);
    expect(new ApiError(404, 'not_found', 'gone', undefined).issues).toEqual([]);
    expect(new ApiError(422, 'input_invalid', 'bad', { issues: 'nope' }).issues).toEqual([]);
  });
});
