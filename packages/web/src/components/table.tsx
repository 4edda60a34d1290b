import type { ReactNode } from 'react';

export interface SortState {
  readonly key: string;
  readonly direction: 'asc' | 'desc';
}

export interface Column<T> {
  readonly key: string;
  readonly header: ReactNode;
  readonly render: (row: T) => ReactNode;
  /** The column can be sorted by the server/caller under this key (defaults to `key`). */
  readonly sortKey?: string;
  readonly align?: 'left' | 'right';
  readonly width?: string;
  /** Keep the cell on one line (dates, badges). */
  readonly nowrap?: boolean;
}

function cellClass<T>(column: Column<T>): string | undefined {
  const classes = [column.align === 'right' ? 'num' : '', column.nowrap === true ? 'nowrap' : ''].filter((c) => c !== '');
  return classes.length === 0 ? undefined : classes.join(' ');
}

export interface TableProps<T> {
  /** Accessible name of the table (rendered as a visually hidden caption unless `showCaption`). */
  readonly caption: string;
  readonly showCaption?: boolean;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  readonly sort?: SortState | null;
  readonly onSortChange?: (sort: SortState) => void;
  /** Shown in place of the body when `rows` is empty. */
  readonly empty?: ReactNode;
  /** Makes the whole row clickable for the mouse; keyboard users need a real link in one cell, so put one there. */
  readonly onRowClick?: (row: T) => void;
  readonly expandedRow?: (row: T) => ReactNode | null;
  /** Fixed layout: column widths come from `width`, so stacked tables line up. */
  readonly fixed?: boolean;
  /** Extra classes on the table element (e.g. `table-compact`). */
  readonly className?: string;
  readonly 'data-testid'?: string;
}

export function nextSort(current: SortState | null | undefined, key: string): SortState {
  if (current?.key !== key) return { key, direction: 'asc' };
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

export function Table<T>({ caption, showCaption = false, columns, rows, rowKey, sort, onSortChange, empty, onRowClick, expandedRow, fixed = false, className, ...rest }: TableProps<T>) {
  const classes = ['table', fixed ? 'table-fixed' : '', className ?? ''].filter((c) => c !== '').join(' ');
  return (
    <div className="table-wrap">
      <table className={classes} data-testid={rest['data-testid']}>
        <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sortKey = column.sortKey ?? column.key;
              const sortable = onSortChange !== undefined && column.sortKey !== undefined;
              const active = sort?.key === sortKey;
              const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th key={column.key} scope="col" className={column.align === 'right' ? 'num' : undefined} style={column.width === undefined ? undefined : { width: column.width }} aria-sort={sortable ? (ariaSort ?? 'none') : undefined}>
                  {sortable ? (
                    <button type="button" className="sort-button" onClick={() => onSortChange(nextSort(sort, sortKey))}>
                      {column.header}
                      <span className="sort-indicator" aria-hidden="true">{active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty ?? <span className="muted">Nothing to show.</span>}</td>
            </tr>
          ) : (
            rows.map((row) => {
              const key = rowKey(row);
              const expanded = expandedRow?.(row) ?? null;
              return (
                <TableRow key={key} row={row} columns={columns} expanded={expanded} onRowClick={onRowClick} />
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

interface TableRowProps<T> {
  readonly row: T;
  readonly columns: readonly Column<T>[];
  readonly expanded: ReactNode | null;
  readonly onRowClick: ((row: T) => void) | undefined;
}

function TableRow<T>({ row, columns, expanded, onRowClick }: TableRowProps<T>) {
  return (
    <>
      <tr
        className={onRowClick === undefined ? undefined : 'clickable'}
        onClick={onRowClick === undefined ? undefined : (event) => {
          // Clicks on the row's own links and buttons keep their meaning.
          if ((event.target as HTMLElement).closest('a, button, input, select, textarea') === null) onRowClick(row);
        }}
      >
        {columns.map((column) => (
          <td key={column.key} className={cellClass(column)}>{column.render(row)}</td>
        ))}
      </tr>
      {expanded !== null && (
        <tr>
          <td colSpan={columns.length} style={{ background: 'var(--color-surface-alt)' }}>{expanded}</td>
        </tr>
      )}
    </>
  );
}
