import { isAbsolute, join, resolve } from 'node:path';
import { describeIssues, toFieldIssues } from '@intune-assets/contracts';
import { AppError } from '../errors/app-error.js';
import { configSchema } from './schema.js';
import type { Config } from './schema.js';

const ENV_NAMES: Record<string, string> = {
  dataDir: 'INTUNE_ASSETS_DATA_DIR',
  instance: 'INTUNE_ASSETS_INSTANCE',
  'db.url': 'DATABASE_URL',
  'secrets.key': 'INTUNE_ASSETS_SECRET_KEY',
  'secrets.keyFile': 'INTUNE_ASSETS_SECRET_KEY_FILE',
  'log.level': 'LOG_LEVEL',
  'http.host': 'HOST',
  'http.port': 'PORT',
};

/**
 * Reads the process configuration from the environment (the only module that does), reports every problem at
 * once, and returns a deep-frozen Config.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), defaults: { logLevel?: string } = {}): Config {
  const dataDir = resolvePath(env['INTUNE_ASSETS_DATA_DIR'] ?? './data', cwd);
  const raw = {
    dataDir,
    instance: env['INTUNE_ASSETS_INSTANCE'] ?? 'production',
    db: { url: normaliseDbUrl(env['DATABASE_URL'] ?? `sqlite:${join(dataDir, 'intune-assets.db')}`, cwd) },
    secrets: {
      ...(env['INTUNE_ASSETS_SECRET_KEY'] ? { key: env['INTUNE_ASSETS_SECRET_KEY'] } : {}),
      keyFile: resolvePath(env['INTUNE_ASSETS_SECRET_KEY_FILE'] ?? join(dataDir, 'secret.key'), cwd),
    },
    log: { level: env['LOG_LEVEL'] ?? defaults.logLevel ?? 'info' },
    http: { host: env['HOST'] ?? '127.0.0.1', port: env['PORT'] ?? '3000' },
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error).map((i) => ({ ...i, path: ENV_NAMES[i.path] ?? i.path }));
    throw new AppError('config_invalid', `Invalid configuration: ${describeIssues(issues)}`, { details: { issues } });
  }
  return deepFreeze(parsed.data);
}

function resolvePath(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

// Relative SQLite paths are relative to where the command runs, so pin them once here.
function normaliseDbUrl(url: string, cwd: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:' || path === '') return url;
  return `sqlite:${resolvePath(path, cwd)}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
