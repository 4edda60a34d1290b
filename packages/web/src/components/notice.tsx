import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

export interface NoticeProps {
  readonly tone?: NoticeTone;
  readonly title?: ReactNode;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}

export function Notice({ tone = 'info', title, children, actions }: NoticeProps) {
  // Errors interrupt (role="alert"); the rest are polite status messages.
  const role = tone === 'error' ? 'alert' : 'status';
  return (
    <div className={`notice notice-${tone}`} role={role}>
      <div style={{ flex: 1 }}>
        {title !== undefined && <p className="notice-title">{title}</p>}
        {children}
      </div>
      {actions !== undefined && <div className="row">{actions}</div>}
    </div>
  );
}

/** A readable sentence for any thrown value; never raw JSON. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0 || error.code === 'network_error') return 'The server could not be reached. Check that Intune Assets is running.';
    return error.message;
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check that Intune Assets is running.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

const TITLES: Readonly<Record<number, string>> = {
  401: 'You are signed out',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Not possible right now',
  422: 'Some input is not valid',
  429: 'Too many attempts',
};

/** An API error as a notice: its message, and the field issues of a 422 as a list. */
export function ErrorNotice({ error, title, onRetry }: { readonly error: unknown; readonly title?: string; readonly onRetry?: () => void }) {
  const issues = error instanceof ApiError ? error.issues : [];
  const heading = title ?? (error instanceof ApiError ? (TITLES[error.status] ?? 'The request failed') : 'Something went wrong');
  return (
    <Notice
      tone="error"
      title={heading}
      actions={onRetry === undefined ? undefined : <button type="button" className="btn btn-sm" onClick={onRetry}>Try again</button>}
    >
      <p>{errorMessage(error)}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}><code>{issue.path}</code>: {issue.message}</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
