import type { ReactNode } from 'react';
import { ErrorNotice } from './notice.js';
import { Spinner } from './spinner.js';
import type { ApiState } from './use-api.js';

export interface AsyncContentProps<T> {
  readonly state: ApiState<T>;
  readonly loadingLabel?: string;
  readonly errorTitle?: string;
  readonly children: (data: T) => ReactNode;
}

/** Spinner on first load, a readable error with "Try again", else the content (kept while reloading). */
export function AsyncContent<T>({ state, loadingLabel, errorTitle, children }: AsyncContentProps<T>) {
  if (state.error !== undefined) {
    return <ErrorNotice error={state.error} {...(errorTitle === undefined ? {} : { title: errorTitle })} onRetry={state.reload} />;
  }
  if (state.data === undefined) return <Spinner {...(loadingLabel === undefined ? {} : { label: loadingLabel })} />;
  return <>{children(state.data)}</>;
}
