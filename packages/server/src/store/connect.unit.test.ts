import { describe, expect, test } from 'vitest';
import { dialectOf } from './connect.js';
import { sqlitePath } from './dialects/sqlite.js';

describe('dialectOf', () => {
  test.each([
    ['sqlite:./data/intune-assets.db', 'sqlite'],
    ['sqlite::memory:', 'sqlite'],
    ['postgres://u:p@db:5432/assets', 'postgres'],
    ['postgresql://db/assets', 'postgres'],
  ] as const)('%s → %s', (url, dialect) => {
    expect(dialectOf(url)).toBe(dialect);
  });

  test('names the unsupported scheme and both accepted forms, never the rest of the URL', () => {
    const error = (() => {
      try {
        dialectOf('mysql://root:hunter2@db/assets');
      } catch (e) {
        return e as Error;
      }
      throw new Error('dialectOf accepted mysql://');
    })();
    expect(error.message).toContain('"mysql:"');
    expect(error.message).toContain('sqlite:');
    expect(error.message).toContain('postgres://');
    expect(error.message).not.toContain('hunter2');
  });

  test('a bare path is refused as having no scheme', () => {
    expect(() => dialectOf('./data/intune-assets.db')).toThrow(/no URL scheme/);
  });
});

describe('sqlitePath', () => {
  test('resolves relative, absolute, triple-slash and in-memory forms', () => {
    expect(sqlitePath('sqlite::memory:')).toBe(':memory:');
    expect(sqlitePath('sqlite:/var/lib/ia.db')).toBe('/var/lib/ia.db');
    expect(sqlitePath('sqlite:///var/lib/ia.db')).toBe('/var/lib/ia.db');
    expect(sqlitePath('sqlite:./data/ia.db')).toBe(`${process.cwd()}/data/ia.db`);
  });

  test('refuses an empty path', () => {
    expect(() => sqlitePath('sqlite:')).toThrow(/names no file/);
  });
});
