/**
 * Parses an HTTP `Retry-After` value: delta-seconds (Graph sends fractional ones such as "2.128") or an
 * HTTP-date. Returns milliseconds from `nowMs`, never negative; undefined when the value is unusable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^[A-Za-z]{3},/.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
  }
  return undefined;
}

/**
 * Intune's `RetryAfter` inside the JSON string of `error.message` has been seen as null; when present it may
 * be seconds (number or string) or a .NET TimeSpan ("00:00:30"), so accept all three.
 */
export function parseIntuneRetryAfter(value: unknown, nowMs: number): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value * 1000);
  if (typeof value !== 'string') return undefined;
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (span) {
    const [, days, hours, minutes, seconds] = span;
    const totalSec = Number(days ?? 0) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
    return Math.round(totalSec * 1000);
  }
  return parseRetryAfter(value, nowMs);
}
