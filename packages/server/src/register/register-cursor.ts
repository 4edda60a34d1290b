import { AppError } from '../errors/app-error.js';

/** What a keyset cursor holds: the sort it belongs to, the last row's sort value and its id. */
export interface KeysetPosition {
  readonly sort: string;
  readonly value: string | null;
  readonly id: string;
}

export function encodeKeyset(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id]), 'utf8').toString('base64url');
}

/**
 * Reads a cursor this API handed out for `sort`. A cursor that is not one of ours, or that belongs to another
 * sort order, is bad input (422 naming `cursor`): paging on with it would silently skip or repeat rows.
 */
export function decodeKeyset(cursor: string, sort: string, path = 'cursor'): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    !(typeof parsed[1] === 'string' || parsed[1] === null) ||
    typeof parsed[2] !== 'string'
  ) {
    throw invalidCursor(path, 'is not a cursor this API returned; start again from the first page');
  }
  if (parsed[0] !== sort) throw invalidCursor(path, `belongs to the sort "${parsed[0]}", not "${sort}"; start again from the first page`);
  return { sort, value: parsed[1] as string | null, id: parsed[2] };
}

export function invalidCursor(path: string, problem: string): AppError {
  return new AppError('input_invalid', `${path} ${problem}.`, { details: { issues: [{ path, message: problem }] } });
}
