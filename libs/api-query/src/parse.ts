// Harbor's q= syntax (src/lib/q/builder.go):
//   q=k=v,k=~v,k=[min~max],k={v1 v2 v3},k=(v1 v2 v3)
// Terms are split on every ",", a term on its first "=". A leading "\" makes the rest an exact
// value ("k=\~x" matches "~x"). Range and list members are trimmed of spaces and quotes; exact
// string values are taken as they are, quotes included, as Harbor does.
import { QueryError } from './errors';
import { DEFAULT_OPS, type FieldSpec, type FieldType, type Operator, type Scalar, convert, unquote } from './fields';

export type Term =
  | { key: string; op: 'exact'; value: Scalar }
  | { key: string; op: 'fuzzy'; value: string }
  | { key: string; op: 'range'; min?: Scalar; max?: Scalar }
  | { key: string; op: 'or' | 'and'; values: Scalar[] };

export interface Query {
  terms: Term[];
}

export interface ParseQueryOptions {
  /** Harbor silently skips keys a model cannot filter on; the default here is to refuse them. */
  unknownKeys?: 'reject' | 'ignore';
}

const OP_NAMES: Record<Operator, string> = {
  exact: 'exact match',
  fuzzy: 'fuzzy match',
  range: 'range',
  or: 'or list',
  and: 'and list',
};

/**
 * Parses q against the declared fields. Throws QueryError (400) on syntax errors, unknown
 * keys, operators a key does not allow and values of the wrong type. A repeated key keeps
 * its last term, like Harbor's keyword map.
 */
export function parseQuery(q: string | null | undefined, fields: FieldSpec, options: ParseQueryOptions = {}): Query {
  const terms = new Map<string, Term>();
  if (!q) return { terms: [] };
  for (const param of unescape(q).split(',')) {
    const eq = param.indexOf('=');
    const key = eq < 0 ? '' : param.slice(0, eq);
    const value = eq < 0 ? '' : param.slice(eq + 1);
    if (key === '' || value === '') {
      throw new QueryError('the query string must contain "=" and the key/value cannot be empty');
    }
    const field = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (field === undefined) {
      if (options.unknownKeys === 'ignore') continue;
      throw new QueryError(`the query key "${key}" is not supported`);
    }
    const term = parseTerm(key, value);
    if (!(field.ops ?? DEFAULT_OPS[field.type]).includes(term.op)) {
      throw new QueryError(`the query key "${key}" does not support ${OP_NAMES[term.op]}`);
    }
    terms.set(key, typed(term, field.type));
  }
  return { terms: [...terms.values()] };
}

// Harbor unescapes q once more (url.QueryUnescape: "+" is a space) and keeps the input when
// that fails, so "q=tags%3Dnil" sent double-encoded still works.
function unescape(q: string): string {
  try {
    return decodeURIComponent(q.replace(/\+/g, ' '));
  } catch {
    return q;
  }
}

type RawTerm =
  | { key: string; op: 'exact'; value: string }
  | { key: string; op: 'fuzzy'; value: string }
  | { key: string; op: 'range'; min?: string; max?: string }
  | { key: string; op: 'or' | 'and'; values: string[] };

function parseTerm(key: string, value: string): RawTerm {
  const invalid = (why: string) => new QueryError(`invalid query string value: ${value}: ${why}`);
  switch (value[0]) {
    case '~':
      if (value.length < 2) throw invalid('fuzzy match value must start with "~" and contain at least 1 other characters');
      return { key, op: 'fuzzy', value: value.slice(1) };
    case '[': {
      if (!value.endsWith(']') || value.split('~').length !== 2) {
        throw invalid('range must start with "[", end with "]" and contains only one "~"');
      }
      const [min, max] = value.slice(1, -1).split('~').map((s) => s.trim());
      if (min === '' && max === '') throw invalid('min and max at least one should be set in range');
      return { key, op: 'range', min: min || undefined, max: max || undefined };
    }
    case '{':
    case '(': {
      const [op, close] = value[0] === '{' ? (['or', '}'] as const) : (['and', ')'] as const);
      if (value.length < 2 || !value.endsWith(close)) throw invalid(`${op} list must start with "${value[0]}" and end with "${close}"`);
      return { key, op, values: value.slice(1, -1).split(' ').filter((v) => unquote(v) !== '') };
    }
    default:
      return { key, op: 'exact', value: value.startsWith('\\') ? value.slice(1) : value };
  }
}

function typed(term: RawTerm, type: FieldType): Term {
  // Members of ranges and lists lose quotes; so do exact values of non-string fields.
  const member = (raw: string) => convert(term.key, unquote(raw), type);
  switch (term.op) {
    case 'exact':
      return { key: term.key, op: 'exact', value: type === 'string' ? term.value : member(term.value) };
    case 'fuzzy':
      return term;
    case 'range':
      return {
        key: term.key,
        op: 'range',
        ...(term.min !== undefined && { min: member(term.min) }),
        ...(term.max !== undefined && { max: member(term.max) }),
      };
    default:
      return { ...term, values: term.values.map(member) };
  }
}
