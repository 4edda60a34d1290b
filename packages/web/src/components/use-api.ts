import { useCallback, useEffect, useRef, useState } from 'react';
import type { DependencyList } from 'react';

export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Fetches again with the same inputs (after a write, or from a "Try again" button). */
  readonly reload: () => void;
  /** Replaces the data locally (optimistic update, or a value a write returned). */
  readonly setData: (data: T) => void;
}

/**
 * Runs `load` when `deps` change, aborting the previous request, and keeps the last data while reloading
 * so lists don't flash empty.
 * @example const runs = useApi((signal) => api.get<RunList>(`/runs${query({ cursor })}`, signal), [cursor]);
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // The caller's deps decide when to reload; `load` itself is read through a ref so a new closure doesn't refetch.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((value: T) => setData(value), []);
  return { data, error, loading, reload, setData: set };
}
