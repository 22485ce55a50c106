import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { TemplateFunction } from './exec';
import { formatValue, isTrue, toText } from './values';

// The sprig and Helm functions this chart uses, with their argument order (the piped value is
// the last argument). Anything else is "not defined", which keeps the chart to this subset.

type Args = unknown[];
type Map = Record<string, unknown>;

const str = (v: unknown): string => toText(v);

function arity(name: string, args: Args, n: number): void {
  if (args.length !== n) throw new Error(`${name} wants ${n} arguments, got ${args.length}`);
}

function asMap(name: string, v: unknown): Map {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${name} wants a map, got ${formatValue(v)}`);
  return v as Map;
}

/** Go's %q: a double-quoted string with Go escapes, which JSON's match for text a chart quotes. */
const goQuote = (s: string): string => JSON.stringify(s);

/** fmt.Sprintf for the verbs charts use: %s %d %v %q %%. */
export function sprintf(format: string, args: Args): string {
  let i = 0;
  return format.replace(/%([sdvq%])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[i++];
    if (verb === 'q') return goQuote(str(arg));
    if (verb === 'd') return typeof arg === 'number' ? String(Math.trunc(arg)) : `%!d(${str(arg)})`;
    return str(arg);
  });
}

function indent(spaces: number, text: string): string {
  const pad = ' '.repeat(spaces);
  return pad + text.replace(/\n/g, `\n${pad}`);
}

/**
 * Helm's toYaml (Go's yaml.v2): keys sorted, lists not indented under their key, no folding,
 * no final newline, and YAML 1.1 quoting, so a string like "off" or "yes" stays a string.
 */
function toYaml(v: unknown): string {
  return stringify(v ?? null, { version: '1.1', sortMapEntries: true, lineWidth: 0, indentSeq: false }).replace(/\n$/, '');
}

/** Go's eq: same type and value; comparing a nil with anything is false unless both are nil. */
function equal(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

function compare(name: string, args: Args, test: (a: number | string, b: number | string) => boolean): boolean {
  arity(name, args, 2);
  const [a, b] = args;
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) {
    throw new Error(`${name}: incompatible types for comparison (${formatValue(a)}, ${formatValue(b)})`);
  }
  return test(a as number | string, b as number | string);
}

export const coreFunctions: Record<string, TemplateFunction> = {
  include: ([name, data], ctx) => ctx.include(str(name), data),
  toYaml: (args) => (arity('toYaml', args, 1), toYaml(args[0])),
  indent: ([n, s]) => indent(Number(n), str(s)),
  nindent: ([n, s]) => `\n${indent(Number(n), str(s))}`,
  quote: (args) => args.filter((a) => a !== null && a !== undefined).map((a) => goQuote(str(a))).join(' '),
  squote: (args) => args.filter((a) => a !== null && a !== undefined).map((a) => `'${str(a)}'`).join(' '),
  default: (args) => (args.length < 2 || !isTrue(args[1]) ? args[0] : args[1]),
  required: ([message, value]) => {
    if (value === null || value === undefined || value === '') throw new Error(str(message));
    return value;
  },
  fail: ([message]) => {
    throw new Error(str(message));
  },
  printf: ([format, ...rest]) => sprintf(str(format), rest),
  print: (args) => args.map(str).join(''),
  toString: (args: Args) => str(args[0]),
  int: ([v]) => Math.trunc(Number(v ?? 0)),
  b64enc: ([v]) => Buffer.from(str(v)).toString('base64'),
  sha256sum: ([v]) => createHash('sha256').update(str(v)).digest('hex'),
  trunc: ([n, s]) => str(s).slice(0, Number(n)),
  trimSuffix: ([suffix, s]) => (str(s).endsWith(str(suffix)) && str(suffix) !== '' ? str(s).slice(0, -str(suffix).length) : str(s)),
  trimPrefix: ([prefix, s]) => (str(s).startsWith(str(prefix)) ? str(s).slice(str(prefix).length) : str(s)),
  lower: ([s]) => str(s).toLowerCase(),
  upper: ([s]) => str(s).toUpperCase(),
  replace: ([from, to, s]) => str(s).split(str(from)).join(str(to)),
  splitList: ([sep, s]) => str(s).split(str(sep)),
  contains: ([sub, s]) => str(s).includes(str(sub)),
  hasPrefix: ([prefix, s]) => str(s).startsWith(str(prefix)),
  hasSuffix: ([suffix, s]) => str(s).endsWith(str(suffix)),
  eq: ([first, ...others]) => others.some((o) => equal(first, o)),
  ne: (args) => (arity('ne', args, 2), !equal(args[0], args[1])),
  lt: (args) => compare('lt', args, (a, b) => a < b),
  le: (args) => compare('le', args, (a, b) => a <= b),
  gt: (args) => compare('gt', args, (a, b) => a > b),
  ge: (args) => compare('ge', args, (a, b) => a >= b),
  not: (args) => (arity('not', args, 1), !isTrue(args[0])),
  empty: ([v]) => !isTrue(v),
  ternary: ([whenTrue, whenFalse, test]) => (isTrue(test) ? whenTrue : whenFalse),
  len: ([v]) => (typeof v === 'string' || Array.isArray(v) ? v.length : Object.keys(asMap('len', v)).length),
  list: (args) => [...args],
  has: ([needle, haystack]) => Array.isArray(haystack) && haystack.some((item) => equal(item, needle)),
  dict: (args) => {
    const out: Map = {};
    for (let i = 0; i < args.length; i += 2) out[str(args[i])] = args[i + 1] ?? null;
    return out;
  },
  get: ([m, key]) => asMap('get', m)[str(key)] ?? '',
  hasKey: ([m, key]) => Object.prototype.hasOwnProperty.call(asMap('hasKey', m), str(key)),
  index: ([v, ...keys]) => keys.reduce((cur: unknown, k) => (cur === null || cur === undefined ? null : ((cur as Map)[str(k)] ?? null)), v),
  urlParse: ([u]) => {
    const url = new URL(str(u));
    return { scheme: url.protocol.replace(/:$/, ''), host: url.host, hostname: url.hostname, path: url.pathname };
  },
};
