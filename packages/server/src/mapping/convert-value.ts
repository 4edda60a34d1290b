import { isNoValue } from '../domain/no-value.js';
import type { MappedField } from '../sync/plan.js';

/** How a standard asset field stores its value. */
export type TargetKind = 'text' | 'number' | 'timestamp' | 'date';

export const TARGET_KINDS: Readonly<Record<MappedField, TargetKind>> = {
  name: 'text', serialNumber: 'text', make: 'text', model: 'text', os: 'text', osVersion: 'text',
  memoryGb: 'number', storageGb: 'number', storageType: 'text', imei: 'text', meid: 'text', wifiMac: 'text',
  ethernetMac: 'text', colour: 'text', displaySize: 'number', releaseDate: 'date', intuneDeviceId: 'text',
  azureAdDeviceId: 'text', activationLockBypassCode: 'text', managementState: 'text', lastSeenInSourceAt: 'timestamp',
};

export type Converted<T> = { readonly ok: true; readonly value: T | null } | { readonly ok: false; readonly code: string; readonly message: string };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 only: Date.parse also accepts free text such as 'PC-0142' (as the year 142).
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An expression's result as the target field stores it; values that carry no information (empty text, the
 * zero date, 0, "Unknown") become null, so they never overwrite a register value (SPEC §4.6 null protection).
 */
export function toTargetValue(value: unknown, kind: TargetKind): Converted<string | number> {
  if (isNoValue(value) || isZeroDate(value)) return { ok: true, value: null };
  if (typeof value === 'object' && !(value instanceof Date)) return mismatch(`a ${Array.isArray(value) ? 'list' : 'structured value'}`, kind);
  switch (kind) {
    case 'text':
      return text(value);
    case 'number':
      return number(value);
    case 'timestamp':
      return timestamp(value);
    case 'date':
      return date(value);
  }
}

/** A category field value keeps its type (the category's field types live in the register). */
export function toCategoryValue(value: unknown): Converted<string | number | boolean> {
  if (isNoValue(value) || isZeroDate(value)) return { ok: true, value: null };
  if (value instanceof Date) return { ok: true, value: value.toISOString() };
  if (typeof value === 'string') return { ok: true, value: value.trim() };
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value };
  return mismatch(`a ${Array.isArray(value) ? 'list' : 'structured value'}`, 'text');
}

function text(value: unknown): Converted<string> {
  if (value instanceof Date) return { ok: true, value: value.toISOString() };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value).trim() };
  return mismatch(typeof value, 'text');
}

function number(value: unknown): Converted<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : mismatch(String(value), 'number');
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    if (Number.isFinite(n)) return { ok: true, value: n };
  }
  return mismatch(describe(value), 'number');
}

function timestamp(value: unknown): Converted<string> {
  const at = asDate(value);
  return at === null ? mismatch(describe(value), 'timestamp') : { ok: true, value: at.toISOString() };
}

function date(value: unknown): Converted<string> {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value.trim());
    if (m !== null) {
      const at = new Date(`${value.trim()}T00:00:00Z`);
      return Number.isNaN(at.getTime()) || at.getUTCDate() !== Number(m[3]) ? mismatch(describe(value), 'date') : { ok: true, value: value.trim() };
    }
  }
  const at = asDate(value);
  return at === null ? mismatch(describe(value), 'date') : { ok: true, value: at.toISOString().slice(0, 10) };
}

function asDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value.trim())) return null;
  const at = new Date(value.trim());
  return Number.isNaN(at.getTime()) ? null : at;
}

// Graph's "no date" is 0001-01-01 (NOTES §1.2); the expression evaluator hands it back as a Date.
function isZeroDate(value: unknown): boolean {
  return value instanceof Date && value.getUTCFullYear() <= 1;
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'a datetime';
  if (typeof value === 'string') return `text ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Readonly<Record<TargetKind, string>> = {
  text: 'text',
  number: 'a number',
  timestamp: 'a date and time (ISO 8601)',
  date: 'a date (YYYY-MM-DD)',
};

function mismatch(got: string, kind: TargetKind): { ok: false; code: string; message: string } {
  return { ok: false, code: 'type_mismatch', message: `expected ${EXPECTED[kind]}, the mapping gave ${got}` };
}
