// A parsed query -> a parameterised PostgreSQL condition. Values only ever travel as $n
// parameters; the SQL text is built from the caller's column whitelist and fixed keywords.
import type { Scalar } from './fields';
import type { Query, Term } from './parse';

/**
 * For keys that are not a plain column (Harbor's FilterFunc: tags=nil, labels, ...): build the
 * condition yourself, getting a placeholder for each value from `bind`.
 */
export type CustomFilter = (term: Term, bind: (value: unknown) => string) => string;
/** A trusted SQL expression ("a.name", "lower(p.name)") or a custom filter. */
export type ColumnSpec = string | CustomFilter;

export interface SqlFragment {
  /** Conditions joined with AND; "TRUE" when the query is empty, so it can always be ANDed. */
  where: string;
  params: unknown[];
  /** The number of the next free placeholder, for whatever the caller appends. */
  nextIndex: number;
}

/** LIKE metacharacters escaped with PostgreSQL's default escape character, "\" (Harbor's orm.Escape). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `startIndex` is the number of the first placeholder, so conditions can follow ones the
 * caller already bound ($1 = project id -> startIndex 2).
 */
export function toSql(query: Query, columns: Readonly<Record<string, ColumnSpec>>, startIndex = 1): SqlFragment {
  if (!Number.isSafeInteger(startIndex) || startIndex < 1) throw new Error(`toSql: bad startIndex ${startIndex}`);
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${startIndex + params.length - 1}`;
  };
  const conditions = query.terms.map((term) => {
    const column = Object.prototype.hasOwnProperty.call(columns, term.key) ? columns[term.key] : undefined;
    if (column === undefined) throw new Error(`toSql: no column for query key "${term.key}"`);
    return typeof column === 'function' ? `(${column(term, bind)})` : condition(column, term, bind);
  });
  return { where: conditions.length ? conditions.join(' AND ') : 'TRUE', params, nextIndex: startIndex + params.length };
}

function condition(column: string, term: Term, bind: (value: Scalar) => string): string {
  switch (term.op) {
    case 'exact':
      return `${column} = ${bind(term.value)}`;
    case 'fuzzy':
      // Harbor's "__icontains": case-insensitive substring.
      return `${column} ILIKE ${bind(`%${escapeLike(term.value)}%`)}`;
    case 'range': {
      const parts: string[] = [];
      if (term.min !== undefined) parts.push(`${column} >= ${bind(term.min)}`);
      if (term.max !== undefined) parts.push(`${column} <= ${bind(term.max)}`);
      return `(${parts.join(' AND ')})`;
    }
    case 'or':
      // An empty list ("k={}") matches nothing.
      return term.values.length ? `${column} IN (${term.values.map(bind).join(', ')})` : 'FALSE';
    case 'and':
      // Harbor's ORM skips and-lists on plain columns (only its custom filters use them); taking
      // them literally is stricter. Multi-valued keys (labels) need a CustomFilter.
      return term.values.length ? `(${term.values.map((v) => `${column} = ${bind(v)}`).join(' AND ')})` : 'TRUE';
  }
}
