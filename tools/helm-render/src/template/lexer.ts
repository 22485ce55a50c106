import { TemplateError } from './errors';

// Splits a template into text and actions, applying Go's trim markers: `{{- ` removes the
// whitespace before the action, ` -}}` the whitespace after it. Comments (`{{/* */}}`) vanish.

export type Segment =
  | { kind: 'text'; text: string; line: number }
  | { kind: 'action'; tokens: Token[]; line: number };

export type Token =
  | { t: 'ident'; v: string }
  | { t: 'field'; v: string[]; chained: boolean } // .a.b (an empty list is the dot itself); chained: right after ")"
  | { t: 'var'; v: string; fields: string[] } // $x.a.b ($ alone is "$")
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'punct'; v: '(' | ')' | '|' | ':=' | '=' | ',' };

const OPEN = '{{';
const CLOSE = '}}';

export function segment(source: string, name: string): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos < source.length) {
    const open = source.indexOf(OPEN, pos);
    let text = source.slice(pos, open < 0 ? source.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      pushText(out, text, lineAt(source, pos));
      break;
    }
    const trimLeft = /^\{\{-\s/.test(source.slice(open, open + 4));
    if (trimLeft) text = text.replace(/\s+$/, '');
    pushText(out, text, lineAt(source, pos));
    const close = source.indexOf(CLOSE, open + 2);
    if (close < 0) throw new TemplateError(name, lineAt(source, open), 'unclosed action');
    const trimRight = /\s-$/.test(source.slice(open + 2, close));
    const inner = source.slice(open + (trimLeft ? 3 : 2), trimRight ? close - 1 : close).trim();
    if (!(inner.startsWith('/*') && inner.endsWith('*/'))) {
      out.push({ kind: 'action', tokens: tokenize(inner, name, lineAt(source, open)), line: lineAt(source, open) });
    }
    trimNext = trimRight;
    pos = close + 2;
  }
  return out;
}

function pushText(out: Segment[], text: string, line: number): void {
  if (text !== '') out.push({ kind: 'text', text, line });
}

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const FIELDS = /^(\.[A-Za-z_][A-Za-z0-9_]*)+/;
const NUMBER = /^-?\d+(\.\d+)?/;

/** Tokens of one action's body. */
export function tokenize(body: string, name: string, line: number): Token[] {
  const tokens: Token[] = [];
  let rest = body;
  const fail = (msg: string): never => {
    throw new TemplateError(name, line, `${msg} in {{${body}}}`);
  };
  while (rest.trim() !== '') {
    const spaced = /^\s/.test(rest);
    rest = rest.replace(/^\s+/, '');
    let m: RegExpExecArray | null;
    if (rest.startsWith(':=')) {
      tokens.push({ t: 'punct', v: ':=' });
      rest = rest.slice(2);
    } else if ('()|=,'.includes(rest[0])) {
      tokens.push({ t: 'punct', v: rest[0] as '(' | ')' | '|' | '=' | ',' });
      rest = rest.slice(1);
    } else if (rest[0] === '"' || rest[0] === '`') {
      const [value, length] = rest[0] === '"' ? quoted(rest, fail) : raw(rest, fail);
      tokens.push({ t: 'string', v: value });
      rest = rest.slice(length);
    } else if (rest[0] === '$') {
      m = /^\$[A-Za-z0-9_]*/.exec(rest) as RegExpExecArray;
      rest = rest.slice(m[0].length);
      const fields = FIELDS.exec(rest);
      rest = rest.slice(fields ? fields[0].length : 0);
      tokens.push({ t: 'var', v: m[0], fields: fields ? fields[0].slice(1).split('.') : [] });
    } else if (rest[0] === '.') {
      m = FIELDS.exec(rest);
      const previous = tokens[tokens.length - 1];
      const chained = !spaced && previous?.t === 'punct' && previous.v === ')';
      tokens.push({ t: 'field', v: m ? m[0].slice(1).split('.') : [], chained });
      rest = rest.slice(m ? m[0].length : 1);
    } else if ((m = NUMBER.exec(rest))) {
      tokens.push({ t: 'number', v: Number(m[0]) });
      rest = rest.slice(m[0].length);
    } else if ((m = IDENT.exec(rest))) {
      tokens.push({ t: 'ident', v: m[0] });
      rest = rest.slice(m[0].length);
    } else {
      fail(`unexpected "${rest[0]}"`);
    }
  }
  return tokens;
}

/** A Go interpreted string literal: JSON's escapes are the ones a chart uses. */
function quoted(rest: string, fail: (m: string) => never): [string, number] {
  const m = /^"(?:[^"\\\n]|\\.)*"/.exec(rest);
  if (!m) return fail('unterminated string');
  try {
    return [JSON.parse(m[0]) as string, m[0].length];
  } catch {
    return fail(`unsupported escape in ${m[0]}`);
  }
}

function raw(rest: string, fail: (m: string) => never): [string, number] {
  const end = rest.indexOf('`', 1);
  if (end < 0) return fail('unterminated raw string');
  return [rest.slice(1, end), end + 1];
}
