import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { decodeKeyset, encodeKeyset } from './register-cursor.js';

describe('keyset cursors', () => {
  it('round-trip the sort, the last sort value (null too) and the id', () => {
    for (const position of [{ sort: 'assetTag', value: 'AST-000042', id: 'a1' }, { sort: '-name', value: null, id: 'b2' }]) {
      expect(decodeKeyset(encodeKeyset(position), position.sort)).toEqual(position);
    }
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a number where the id belongs', Buffer.from('["assetTag","x",5]').toString('base64url')],
  ])('refuse %s as input_invalid naming cursor', (_what, cursor) => {
    const error = catchError(() => decodeKeyset(cursor, 'assetTag'));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'input_invalid', details: { issues: [{ path: 'cursor' }] } });
  });

  it('refuse a cursor of another sort order, naming both', () => {
    const cursor = encodeKeyset({ sort: 'updatedAt', value: '2026-01-01T00:00:00.000Z', id: 'x' });
    expect(() => decodeKeyset(cursor, '-updatedAt')).toThrow(/belongs to the sort "updatedAt", not "-updatedAt"/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
