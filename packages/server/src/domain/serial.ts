import { toSerialKey } from './asset.js';

// Values firmware and imaging tools put in the serial field when there is no real one (SPEC §4.2, plus the
// usual OEM placeholders). Compared case-insensitively after trimming.
export const PLACEHOLDER_SERIALS: readonly string[] = [
  '0',
  'default string',
  'to be filled by o.e.m.',
  'to be filled by oem',
  'system serial number',
  'chassis serial number',
  'serial number',
  'not specified',
  'not applicable',
  'none',
  'n/a',
  'na',
  'null',
  'unknown',
  'invalid',
  '0123456789',
  '123456789',
  '1234567890',
];

const MIN_SERIAL_LENGTH = 4;
const placeholders = new Set(PLACEHOLDER_SERIALS);

/**
 * The serial as a matching key, or null when it is no serial at all: empty, a placeholder, one repeated
 * character ("AAAAAAAA", "00000000") or shorter than 4 characters. Keys are upper-case letters and digits only
 * (`toSerialKey`), so "pf 3x1-abc" and "PF3X1ABC" match.
 */
export function serialKey(serial: string | null | undefined): string | null {
  if (serial === null || serial === undefined) return null;
  if (placeholders.has(serial.trim().toLowerCase())) return null;
  // The same normalisation the register indexes serials with, so a valid key here is the key it matches on.
  const key = toSerialKey(serial);
  if (key === null || key.length < MIN_SERIAL_LENGTH) return null;
  if (/^(.)\1*$/.test(key)) return null;
  return key;
}
