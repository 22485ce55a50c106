// sort=name,-creation_time -> ORDER BY from the caller's whitelist (Harbor's ParseSorting).
import { QueryError } from './errors';

export interface ParseSortOptions {
  /** Sort spec used when none is given (Harbor's per-model default sorts), e.g. "-creation_time". */
  fallback?: string;
  /** Harbor skips keys a model cannot sort by; the default here is to refuse them. */
  unknownKeys?: 'reject' | 'ignore';
}

/**
 * Returns "ORDER BY a ASC, b DESC" or "" when there is nothing to sort by. Empty items
 * ("name,") are skipped and a repeated key counts once, at its first position.
 */
export function parseSort(sort: string | null | undefined, allowed: Readonly<Record<string, string>>, options: ParseSortOptions = {}): string {
  const items: string[] = [];
  const seen = new Set<string>();
  for (const raw of (sort ?? '').split(',')) {
    const desc = raw.startsWith('-');
    const key = desc ? raw.slice(1) : raw;
    if (key === '' || seen.has(key)) continue;
    if (!Object.prototype.hasOwnProperty.call(allowed, key)) {
      if (options.unknownKeys === 'ignore') continue;
      throw new QueryError(`the sort key "${key}" is not supported`);
    }
    seen.add(key);
    items.push(`${allowed[key]} ${desc ? 'DESC' : 'ASC'}`);
  }
  if (items.length === 0 && options.fallback) return parseSort(options.fallback, allowed, { unknownKeys: 'reject' });
  return items.length ? `ORDER BY ${items.join(', ')}` : '';
}
