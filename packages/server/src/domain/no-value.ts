// Graph fills non-nullable properties with defaults when it has no data (NOTES §1.2): empty strings, the
// zero date, "Unknown", and 0 for sizes. None of them may overwrite a value the register already has.
const ZERO_DATES = new Set(['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z', '0001-01-01T00:00:00']);

/** True when an Intune value carries no information and must never overwrite a register value (null protection). */
export function isNoValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' || ZERO_DATES.has(trimmed) || trimmed.toLowerCase() === 'unknown';
  }
  if (typeof value === 'number') return value === 0 || Number.isNaN(value);
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
