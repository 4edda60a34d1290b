import { describe, expect, test } from 'vitest';
import { asMember, chunkRows, decodeCursor, encodeCursor, parseJson, parseJsonObject, toBool } from './codec.js';

describe('codec', () => {
  test('chunkRows keeps each statement under the parameter limit', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i);
    const chunks = chunkRows(rows, 48, 32_766);
    expect(chunks.map((c) => c.length)).toEqual([682, 318]);
    expect(chunks.flat()).toEqual(rows);
    expect(chunkRows([], 5, 100)).toEqual([]);
  });

  test('JSON columns parse from text (SQLite) and pass through objects (pg jsonb)', () => {
    expect(parseJson('{"a":[1,true,null]}', 't.c')).toEqual({ a: [1, true, null] });
    expect(parseJson({ a: 1 }, 't.c')).toEqual({ a: 1 });
    expect(parseJson(null, 't.c')).toBeNull();
    expect(() => parseJson('{oops', 'runs.report')).toThrow(/runs\.report/);
    expect(() => parseJsonObject('[1]', 'connections.settings')).toThrow(/connections\.settings should hold a JSON object, found an array/);
  });

  test('booleans read from 0/1 or true/false', () => {
    expect([toBool(1), toBool(0), toBool(true), toBool(false)]).toEqual([true, false, true, false]);
  });

  test('asMember names the column and the allowed values', () => {
    expect(asMember('queued', ['queued', 'running'] as const, 'runs.status')).toBe('queued');
    expect(() => asMember('paused', ['queued', 'running'] as const, 'runs.status')).toThrow('column runs.status holds "paused", expected one of queued, running');
  });

  test('cursors round-trip and reject tampering', () => {
    expect(decodeCursor(encodeCursor('AST-000009', 'id-1'))).toEqual({ sortValue: 'AST-000009', id: 'id-1' });
    expect(decodeCursor(encodeCursor(null, 'id-2'))).toEqual({ sortValue: null, id: 'id-2' });
    expect(() => decodeCursor('not-a-cursor')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toThrow(/cursor/);
  });
});
