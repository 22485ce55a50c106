/**
 * Wraps an expensive load (SQL counts, health probes) so that scrapes within `ttlMs` share one
 * result and concurrent scrapes share one load. A failed load is not kept.
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let entry: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (entry && now() - entry.at < ttlMs) return entry.value;
    const current = { at: now(), value: load() };
    entry = current;
    current.value.catch(() => {
      if (entry === current) entry = undefined;
    });
    return current.value;
  };
}
