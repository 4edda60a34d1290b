/**
 * Keyset paging state for "Previous / Next" over an API that only returns `nextCursor`: the cursors of the
 * pages already visited are kept, so Previous goes back without the API knowing about earlier pages.
 */
export interface CursorState {
  /** Cursor of each visited page; the first page's is null. The last one is the current page. */
  readonly stack: readonly (string | null)[];
}

export const FIRST_PAGE: CursorState = { stack: [null] };

export function currentCursor(state: CursorState): string | null {
  return state.stack[state.stack.length - 1] ?? null;
}

export function pageNumber(state: CursorState): number {
  return state.stack.length;
}

export function hasPrevious(state: CursorState): boolean {
  return state.stack.length > 1;
}

export function goNext(state: CursorState, nextCursor: string | null): CursorState {
  if (nextCursor === null) return state;
  return { stack: [...state.stack, nextCursor] };
}

export function goPrevious(state: CursorState): CursorState {
  if (!hasPrevious(state)) return state;
  return { stack: state.stack.slice(0, -1) };
}
