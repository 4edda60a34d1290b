import { describe, expect, it } from 'vitest';
import { filtersFromParams, hasActiveFilters, paramsFromFilters, sortParamOf, sortStateOf } from './asset-filters.js';

describe('asset filters in the URL', () => {
  it('reads missing parameters as empty and the sort as assetTag', () => {
    const filters = filtersFromParams(new URLSearchParams('status=allocated'));
    expect(filters).toEqual({ search: '', category: '', status: 'allocated', user: '', source: '', connection: '', sort: 'assetTag' });
    expect(hasActiveFilters(filters)).toBe(true);
  });

  it('writes only non-default values, so a clean list has a clean URL', () => {
    const filters = filtersFromParams(new URLSearchParams('search=%20dell%20&sort=-updatedAt'));
    expect(paramsFromFilters(filters).toString()).toBe('search=dell&sort=-updatedAt');
    expect(paramsFromFilters(filtersFromParams(new URLSearchParams())).toString()).toBe('');
    expect(hasActiveFilters(filtersFromParams(new URLSearchParams('sort=name')))).toBe(false);
  });

  it('maps the sort parameter to the table sort and back', () => {
    expect(sortStateOf('-updatedAt')).toEqual({ key: 'updatedAt', direction: 'desc' });
    expect(sortStateOf('name')).toEqual({ key: 'name', direction: 'asc' });
    expect(sortParamOf({ key: 'updatedAt', direction: 'desc' })).toBe('-updatedAt');
  });
});
