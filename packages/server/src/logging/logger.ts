import { pino } from 'pino';
import type { Logger } from 'pino';

// Secrets must never reach a log line (SPEC §8), whatever object a caller hands the logger.
export const REDACTED_PATHS = [
  'clientSecret', '*.clientSecret', '*.*.clientSecret',
  'client_secret', '*.client_secret',
  'secret', '*.secret',
  'password', '*.password',
  'access_token', '*.access_token', 'refresh_token', '*.refresh_token',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'activationLockBypassCode', '*.activationLockBypassCode',
];

/** The process logger: JSON lines on stderr (stdout belongs to CLI output such as `--json` reports). */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'intune-assets' } },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

export type { Logger };
