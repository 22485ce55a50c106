// Field declarations and the typed conversion of q values. Harbor guesses a value's type
// (time, then integer, then string) and lets the database complain; declaring each key's type
// turns a wrong value into a 400 with a readable message instead.
import { QueryError } from './errors';

export type FieldType = 'string' | 'int' | 'bool' | 'time';
/** exact k=v, fuzzy k=~v, range k=[min~max], or k={a b}, and k=(a b). */
export type Operator = 'exact' | 'fuzzy' | 'range' | 'or' | 'and';

export interface FieldDef {
  type: FieldType;
  /** Allowed operators; by default string: exact fuzzy or, int/time: exact range or, bool: exact. */
  ops?: readonly Operator[];
}
export type FieldSpec = Readonly<Record<string, FieldDef>>;

/** Times are normalised to "YYYY-MM-DD HH:MM:SS" (UTC, as Harbor stores them). */
export type Scalar = string | number | boolean;

export const DEFAULT_OPS: Readonly<Record<FieldType, readonly Operator[]>> = {
  string: ['exact', 'fuzzy', 'or'],
  int: ['exact', 'range', 'or'],
  time: ['exact', 'range'],
  bool: ['exact'],
};

// strconv.ParseBool's spellings, which Harbor's other boolean parameters accept.
const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);
// Harbor documents "2020-04-09 02:36:00" but parses "2020-04-09T02:36:00"; take both.
const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;

/** Harbor's parseValue cleanup: surrounding spaces, then any surrounding quotes. */
export function unquote(raw: string): string {
  return raw.trim().replace(/^["']+|["']+$/g, '');
}

export function convert(key: string, raw: string, type: FieldType): Scalar {
  const bad = (what: string) => new QueryError(`invalid value "${raw}" for query key "${key}": ${what}`);
  switch (type) {
    case 'string':
      return raw;
    case 'int': {
      const n = /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n)) throw bad('an integer is expected');
      return n;
    }
    case 'bool':
      if (TRUE.has(raw)) return true;
      if (FALSE.has(raw)) return false;
      throw bad('true or false is expected');
    case 'time': {
      const time = toTime(raw);
      if (time === undefined) throw bad('a time like "2020-04-09 02:36:00" is expected');
      return time;
    }
  }
}

function toTime(raw: string): string | undefined {
  const m = TIME.exec(raw);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2020-02-30 over to March; a round trip catches impossible dates.
  const same = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return same && h < 24 && mi < 60 && s < 60 ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : undefined;
}
