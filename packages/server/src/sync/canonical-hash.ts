import { createHash } from 'node:crypto';

/**
 * A stable hash of a mapped record: canonical JSON (keys sorted at every level, undefined dropped), so the
 * same content always hashes the same whatever order the mapping produced keys in (STYLE §5; Nango hashes
 * plain JSON.stringify output, which depends on key order).
 */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let isFirst = true;
  for (const key of sortedKeys(record)) {
    const inner = record[key];
    if (inner === undefined) continue;
    out += `${isFirst ? '' : ','}${quote(key)}:${canonicalJson(inner)}`;
    isFirst = false;
  }
  return `${out}}`;
}

// This runs once per device on every sync. Records of one run share a few shapes (the mapping's targets), so
// the sorted key order is computed once per shape rather than sorted per record.
const sortedByShape = new Map<string, readonly string[]>();
const MAX_SHAPES = 1000;

function sortedKeys(record: Record<string, unknown>): readonly string[] {
  const keys = Object.keys(record);
  const shape = keys.join('\u0000');
  let sorted = sortedByShape.get(shape);
  if (sorted === undefined) {
    sorted = [...keys].sort();
    if (sortedByShape.size >= MAX_SHAPES) sortedByShape.clear();
    sortedByShape.set(shape, sorted);
  }
  return sorted;
}

const NEEDS_ESCAPING = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function quote(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
