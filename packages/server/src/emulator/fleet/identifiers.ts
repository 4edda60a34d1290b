import type { Prng } from './prng.js';
import type { SerialStyle } from './catalogue.js';

const ALNUM = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const DELL_TAG = '0123456789BCDFGHJKLMNPQRSTVWXYZ';
const HEX = '0123456789ABCDEF';

/** A serial number in the shape each maker prints on its devices. */
export function serialFor(prng: Prng, style: SerialStyle): string {
  switch (style) {
    case 'dell':
      return prng.chars(DELL_TAG, 7);
    case 'hp':
      return `${prng.pick(['5CG', 'CND', '5CD', 'MXL'])}${prng.int(2, 4)}${prng.digits(3)}${prng.chars(ALNUM, 3)}`;
    case 'lenovo':
      return `PF${prng.chars(ALNUM, 6)}`;
    case 'lenovoDesktop':
      return `MJ${prng.chars(ALNUM, 6)}`;
    case 'surface':
      return prng.digits(12);
    case 'vm':
      return `0000-00${prng.digits(2)}-${prng.digits(4)}-${prng.digits(4)}-${prng.digits(4)}-${prng.digits(4)}-${prng.digits(2)}`;
    case 'apple':
      // Apple moved from 12-character structured serials to 10-character random ones in 2021.
      return prng.chance(0.8) ? prng.chars(ALNUM, 10) : `C02${prng.chars(ALNUM, 9)}`;
    case 'samsung':
      return `R58${prng.chars(ALNUM, 8)}`;
    case 'pixel':
      return `${prng.digits(2)}${prng.chars(HEX, 12)}`;
  }
}

/** A 15-digit IMEI with a valid Luhn check digit. */
export function imeiFor(prng: Prng): string {
  const body = `35${prng.digits(12)}`;
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let digit = Number(body[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Intune prints MAC addresses as 12 upper-case hex digits without separators. */
export function macFor(prng: Prng): string {
  return prng.chars(HEX, 12);
}

export function phoneNumberFor(prng: Prng): string {
  return `+1${prng.pick(['206', '425', '212', '646', '415'])}555${prng.digits(4)}`;
}

/** The managedDeviceName Intune builds at enrolment: `{user}_{platform}_{M/D/YYYY}_{h:mm AM}`. */
export function managedDeviceNameFor(prefix: string, platformToken: string, enrolledMs: number): string {
  const date = new Date(enrolledMs);
  const hours = date.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const stamp = `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}_${hour12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${prefix}_${platformToken}_${stamp}`;
}

export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
