import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** How often a page asks again; each ask is a conditional GET, so an unchanged answer is a 304 without a body. */
export const POLL_INTERVAL_MS = 5_000;

export interface Polled<T> {
  data: T | undefined;
  error: string | undefined;
  /** Ask now (after an action), without waiting for the next tick. */
  refresh: () => void;
}

/**
 * Runs `load` now, whenever `key` changes and every {@link POLL_INTERVAL_MS} while the page is visible; keeps the
 * last data when a later load fails (the error is shown beside it).
 */
export function usePolled<T>(key: string, load: () => Promise<T>): Polled<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useRef(0);

  const refresh = useCallback(() => {
    const ticket = ++run.current;
    loadRef.current().then(
      (value) => {
        if (ticket !== run.current) return; // a newer load (other filters) answers instead
        setData(value);
        setError(undefined);
      },
      (e: unknown) => {
        if (ticket === run.current) setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [key, refresh]);

  return { data, error, refresh };
}
