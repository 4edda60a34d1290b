import { describe, expect, test } from 'vitest';
import { loadConfig } from './load.js';

describe('loadConfig', () => {
  test('defaults: embedded SQLite under ./data, key file beside it, frozen', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.db.url).toBe('sqlite:/srv/app/data/intune-assets.db');
    expect(config.secrets.keyFile).toBe('/srv/app/data/secret.key');
    expect(config.http.port).toBe(3000);
    expect(Object.isFrozen(config.db)).toBe(true);
  });

  test('reads DATABASE_URL and pins relative sqlite paths to the working directory', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }, '/x').db.url).toBe('postgres://u@h/db');
    expect(loadConfig({ DATABASE_URL: 'sqlite:./other.db' }, '/x').db.url).toBe('sqlite:/x/other.db');
  });

  test('reports every problem at once, by environment variable name', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', LOG_LEVEL: 'loud' }, '/x')).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        message: expect.stringMatching(/DATABASE_URL: must start with sqlite: or postgres:\/\/.*LOG_LEVEL.*PORT/),
      }),
    );
  });
});
