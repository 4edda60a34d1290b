import { expect, test } from 'vitest';
import { newId } from './new-id.js';

test('ids are RFC 9562 version 7 UUIDs that sort in creation order, even within one millisecond', () => {
  const ids = Array.from({ length: 5000 }, () => newId(1_714_555_800_000));
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[0]?.slice(0, 13)).toBe('018f337d-49c0');
  expect(newId(1_714_555_900_000) > (ids.at(-1) ?? '')).toBe(true);
});
