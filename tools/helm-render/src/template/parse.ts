import { TemplateError } from './errors';
import { type Segment, segment, type Token } from './lexer';

// Go text/template's grammar, the part charts use: actions, if / else if / else, with, range
// (with `$i, $v :=`), define, template, variables, pipelines and parenthesised sub-pipelines.

export type Operand =
  | { o: 'field'; path: string[] }
  | { o: 'var'; name: string; path: string[] }
  | { o: 'lit'; value: unknown }
  | { o: 'func'; name: string }
  | { o: 'sub'; pipe: Pipeline; path: string[] };

export type Command = Operand[];

export interface Pipeline {
  /** Variables declared (`:=`) or assigned (`=`) with the pipeline's value. */
  vars: string[];
  assign: boolean;
  cmds: Command[];
}

export type Node =
  | { k: 'text'; text: string }
  | { k: 'action'; pipe: Pipeline; line: number }
  | { k: 'if'; pipe: Pipeline; then: Node[]; else: Node[]; line: number }
  | { k: 'with'; pipe: Pipeline; then: Node[]; else: Node[]; line: number }
  | { k: 'range'; pipe: Pipeline; then: Node[]; else: Node[]; line: number }
  | { k: 'template'; name: string; pipe?: Pipeline; line: number };

export interface ParsedTemplate {
  name: string;
  body: Node[];
  defines: Map<string, Node[]>;
}

const LITERALS: Record<string, unknown> = { true: true, false: false, nil: null };

export function parseTemplate(name: string, source: string): ParsedTemplate {
  const parser = new Parser(name, segment(source, name));
  const body = parser.list([]);
  return { name, body, defines: parser.defines };
}

class Parser {
  readonly defines = new Map<string, Node[]>();
  private i = 0;

  constructor(
    private readonly name: string,
    private readonly segments: Segment[],
  ) {}

  /** Parses nodes until one of the `stop` keywords (returned in `this.stopped`), or the end. */
  list(stop: string[]): Node[] {
    const nodes: Node[] = [];
    while (this.i < this.segments.length) {
      const s = this.segments[this.i++];
      if (s.kind === 'text') {
        nodes.push({ k: 'text', text: s.text });
        continue;
      }
      const [first] = s.tokens;
      const keyword = first?.t === 'ident' ? first.v : '';
      if (stop.includes(keyword)) {
        this.stopped = s;
        return nodes;
      }
      if (keyword === 'end' || keyword === 'else') this.fail(s.line, `unexpected {{${keyword}}}`);
      const node = this.control(keyword, s);
      if (node) nodes.push(node);
    }
    if (stop.length > 0) this.fail(this.segments[this.segments.length - 1]?.line ?? 1, `missing {{end}}`);
    return nodes;
  }

  private stopped: (Segment & { kind: 'action' }) | undefined;

  private control(keyword: string, s: Segment & { kind: 'action' }): Node | undefined {
    const rest = s.tokens.slice(1);
    switch (keyword) {
      case 'if':
      case 'with':
      case 'range':
        return this.block(keyword, rest, s.line);
      case 'define': {
        const name = this.stringArg(rest, s.line);
        this.defines.set(name, this.list(['end']));
        return undefined;
      }
      case 'template': {
        const name = this.stringArg(rest, s.line);
        return { k: 'template', name, ...(rest.length > 1 ? { pipe: this.pipeline(rest.slice(1), s.line) } : {}), line: s.line };
      }
      default:
        return { k: 'action', pipe: this.pipeline(s.tokens, s.line), line: s.line };
    }
  }

  /** if/with/range body, with `else`, and `else if` / `else with` chained as a nested block. */
  private block(kind: 'if' | 'with' | 'range', tokens: Token[], line: number): Node {
    const pipe = this.pipeline(tokens, line);
    const then = this.list(['end', 'else']);
    const stop = this.stopped as Segment & { kind: 'action' };
    let otherwise: Node[] = [];
    if ((stop.tokens[0] as { v: string }).v === 'else') {
      const chained = stop.tokens[1];
      if (chained?.t === 'ident' && (chained.v === 'if' || chained.v === 'with')) {
        otherwise = [this.block(chained.v, stop.tokens.slice(2), stop.line)];
        return { k: kind, pipe, then, else: otherwise, line };
      }
      otherwise = this.list(['end']);
    }
    return { k: kind, pipe, then, else: otherwise, line };
  }

  private stringArg(tokens: Token[], line: number): string {
    const [t] = tokens;
    if (t?.t !== 'string') this.fail(line, 'expected a quoted template name');
    return (t as { v: string }).v;
  }

  pipeline(tokens: Token[], line: number): Pipeline {
    let rest = tokens;
    const vars: string[] = [];
    let assign = false;
    const declEnd = rest.findIndex((t) => t.t === 'punct' && (t.v === ':=' || t.v === '='));
    if (declEnd > 0 && rest.slice(0, declEnd).every((t) => t.t === 'var' || (t.t === 'punct' && t.v === ','))) {
      for (const t of rest.slice(0, declEnd)) if (t.t === 'var') vars.push(t.v);
      assign = (rest[declEnd] as { v: string }).v === '=';
      rest = rest.slice(declEnd + 1);
    }
    const cmds: Command[] = [];
    let cmd: Command = [];
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i];
      if (t.t === 'punct' && t.v === '|') {
        cmds.push(this.nonEmpty(cmd, line));
        cmd = [];
      } else if (t.t === 'punct' && t.v === '(') {
        const close = matchingParen(rest, i);
        if (close < 0) this.fail(line, 'unclosed (');
        const after = rest[close + 1];
        const path = after?.t === 'field' && after.chained ? after.v : [];
        cmd.push({ o: 'sub', pipe: this.pipeline(rest.slice(i + 1, close), line), path });
        i = close + (path.length > 0 ? 1 : 0);
      } else {
        cmd.push(this.operand(t, line));
      }
    }
    cmds.push(this.nonEmpty(cmd, line));
    return { vars, assign, cmds };
  }

  private operand(t: Token, line: number): Operand {
    switch (t.t) {
      case 'field':
        return { o: 'field', path: t.v };
      case 'var':
        return { o: 'var', name: t.v, path: t.fields };
      case 'string':
      case 'number':
        return { o: 'lit', value: t.v };
      case 'ident':
        return t.v in LITERALS ? { o: 'lit', value: LITERALS[t.v] } : { o: 'func', name: t.v };
      default:
        return this.fail(line, `unexpected "${t.v}"`);
    }
  }

  private nonEmpty(cmd: Command, line: number): Command {
    if (cmd.length === 0) this.fail(line, 'empty command in pipeline');
    return cmd;
  }

  private fail(line: number, message: string): never {
    throw new TemplateError(this.name, line, message);
  }
}

function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.t !== 'punct') continue;
    if (t.v === '(') depth++;
    if (t.v === ')' && --depth === 0) return i;
  }
  return -1;
}
