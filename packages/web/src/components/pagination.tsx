import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { FIRST_PAGE, currentCursor, goNext, goPrevious, hasPrevious, pageNumber } from '../lib/cursor-stack.js';
import type { CursorState } from '../lib/cursor-stack.js';

export interface PaginationProps {
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
  /** e.g. "Page 2" or "12,345 assets". */
  readonly summary?: ReactNode;
  readonly label?: string;
}

export function Pagination({ hasPrevious: canGoBack, hasNext, onPrevious, onNext, summary, label = 'Pagination' }: PaginationProps) {
  return (
    <nav className="pagination" aria-label={label}>
      <span className="muted">{summary}</span>
      <span className="row">
        <button type="button" className="btn btn-sm" onClick={onPrevious} disabled={!canGoBack}>← Previous</button>
        <button type="button" className="btn btn-sm" onClick={onNext} disabled={!hasNext}>Next →</button>
      </span>
    </nav>
  );
}

export interface CursorPaging {
  readonly cursor: string | null;
  readonly page: number;
  readonly hasPrevious: boolean;
  readonly next: (nextCursor: string | null) => void;
  readonly previous: () => void;
  /** Back to the first page (after a filter changes). */
  readonly reset: () => void;
}

/** Cursor paging state for a list whose API answers `{ items, nextCursor }`. */
export function useCursorPaging(): CursorPaging {
  const [state, setState] = useState<CursorState>(FIRST_PAGE);
  const next = useCallback((nextCursor: string | null) => setState((s) => goNext(s, nextCursor)), []);
  const previous = useCallback(() => setState((s) => goPrevious(s)), []);
  const reset = useCallback(() => setState(FIRST_PAGE), []);
  return { cursor: currentCursor(state), page: pageNumber(state), hasPrevious: hasPrevious(state), next, previous, reset };
}
