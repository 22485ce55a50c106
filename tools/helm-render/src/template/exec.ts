import { TemplateError } from './errors';
import type { Command, Node, Operand, ParsedTemplate, Pipeline } from './parse';
import { formatValue, isTrue } from './values';

/** What a function receives besides its arguments. */
export interface CallContext {
  /** Renders a `define`d template with `data` as its dot (sprig's include). */
  include(name: string, data: unknown): string;
}

export type TemplateFunction = (args: unknown[], ctx: CallContext) => unknown;

interface Variable {
  name: string;
  value: unknown;
}

/** One execution position: template name and line, for error messages. */
interface Where {
  template: string;
  line: number;
}

const MAX_DEPTH = 100; // include recursion, as Helm guards against it

/**
 * Executes parsed templates with Go's semantics: truthiness of empty values, `$` as the root,
 * variables scoped to their block, maps ranged in key order, missing keys as nil (printed as
 * nothing, as Helm does), and a nil in the middle of a field chain as an error.
 */
export class Executor {
  private readonly defines = new Map<string, { body: Node[]; template: string }>();
  private depth = 0;

  constructor(
    templates: ParsedTemplate[],
    private readonly functions: Record<string, TemplateFunction>,
  ) {
    for (const t of templates) for (const [name, body] of t.defines) this.defines.set(name, { body, template: t.name });
  }

  render(template: ParsedTemplate, data: unknown): string {
    return this.nodes(template.body, data, [{ name: '$', value: data }], template.name);
  }

  include(name: string, data: unknown, where: Where): string {
    const define = this.defines.get(name);
    if (!define) throw new TemplateError(where.template, where.line, `no template "${name}"`);
    if (++this.depth > MAX_DEPTH) throw new TemplateError(where.template, where.line, `include of "${name}" nests too deep`);
    try {
      return this.nodes(define.body, data, [{ name: '$', value: data }], define.template);
    } finally {
      this.depth--;
    }
  }

  private nodes(nodes: Node[], dot: unknown, scope: Variable[], template: string): string {
    let out = '';
    for (const node of nodes) out += this.node(node, dot, scope, template);
    return out;
  }

  private node(node: Node, dot: unknown, scope: Variable[], template: string): string {
    if (node.k === 'text') return node.text;
    const where = { template, line: node.line };
    if (node.k === 'action') {
      // A declaration lives on until the end of the enclosing block, so no scope mark here.
      const value = this.pipeline(node.pipe, dot, scope, where);
      return node.pipe.vars.length > 0 ? '' : formatValue(value);
    }
    const mark = scope.length;
    try {
      switch (node.k) {
        case 'if':
          return this.nodes(isTrue(this.pipeline(node.pipe, dot, scope, where)) ? node.then : node.else, dot, scope, template);
        case 'with': {
          const value = this.pipeline(node.pipe, dot, scope, where);
          return isTrue(value) ? this.nodes(node.then, value, scope, template) : this.nodes(node.else, dot, scope, template);
        }
        case 'range':
          return this.range(node, dot, scope, where);
        case 'template': {
          const data = node.pipe ? this.pipeline(node.pipe, dot, scope, where) : null;
          return this.include(node.name, data, where);
        }
      }
    } finally {
      scope.length = mark; // variables end with their block
    }
  }

  private range(node: Node & { k: 'range' }, dot: unknown, scope: Variable[], where: Where): string {
    const { vars, cmds } = node.pipe;
    const value = this.pipeline({ vars: [], assign: false, cmds }, dot, scope, where);
    const entries = rangeEntries(value, where);
    if (entries.length === 0) return this.nodes(node.else, dot, scope, where.template);
    let out = '';
    for (const [key, item] of entries) {
      const mark = scope.length;
      if (vars.length === 1) scope.push({ name: vars[0], value: item });
      if (vars.length === 2) scope.push({ name: vars[0], value: key }, { name: vars[1], value: item });
      out += this.nodes(node.then, item, scope, where.template);
      scope.length = mark;
    }
    return out;
  }

  private pipeline(pipe: Pipeline, dot: unknown, scope: Variable[], where: Where): unknown {
    let value: unknown;
    pipe.cmds.forEach((cmd, i) => {
      value = this.command(cmd, dot, scope, where, i > 0 ? [value] : []);
    });
    for (const name of pipe.vars) {
      if (!pipe.assign) scope.push({ name, value });
      else lookupVar(scope, name, where).value = value;
    }
    return value;
  }

  private command(cmd: Command, dot: unknown, scope: Variable[], where: Where, piped: unknown[]): unknown {
    const [head, ...args] = cmd;
    if (head.o !== 'func') {
      if (args.length > 0 || piped.length > 0) fail(where, "can't give arguments to a non-function");
      return this.operand(head, dot, scope, where);
    }
    const evaluate = (a: Operand) => this.operand(a, dot, scope, where);
    // Go evaluates and/or lazily and returns the deciding operand.
    if (head.name === 'and' || head.name === 'or') {
      const operands = [...args.map((a) => () => evaluate(a)), ...piped.map((p) => () => p)];
      let last: unknown;
      for (const next of operands) {
        last = next();
        if (isTrue(last) === (head.name === 'or')) return last;
      }
      return last;
    }
    return this.call(head.name, [...args.map(evaluate), ...piped], where);
  }

  private call(name: string, args: unknown[], where: Where): unknown {
    const fn = this.functions[name];
    if (!fn) fail(where, `function "${name}" not defined`);
    try {
      return fn(args, { include: (n, d) => this.include(n, d, where) });
    } catch (err) {
      if (err instanceof TemplateError) throw err;
      return fail(where, `error calling ${name}: ${(err as Error).message}`);
    }
  }

  private operand(op: Operand, dot: unknown, scope: Variable[], where: Where): unknown {
    switch (op.o) {
      case 'lit':
        return op.value;
      case 'field':
        return walk(dot, op.path, where);
      case 'var':
        return walk(lookupVar(scope, op.name, where).value, op.path, where);
      case 'sub':
        return walk(this.pipeline(op.pipe, dot, scope, where), op.path, where);
      case 'func':
        return this.call(op.name, [], where);
    }
  }
}

function lookupVar(scope: Variable[], name: string, where: Where): Variable {
  for (let i = scope.length - 1; i >= 0; i--) if (scope[i].name === name) return scope[i];
  return fail(where, `undefined variable "${name}"`);
}

/** .a.b.c: a missing last key is nil; a nil before it is an error (Helm: "nil pointer evaluating"). */
function walk(value: unknown, path: string[], where: Where): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || current === undefined) fail(where, `nil pointer evaluating interface {}.${key}`);
    if (typeof current !== 'object' || Array.isArray(current)) fail(where, `can't evaluate field ${key} in type ${typeof current}`);
    const next = (current as Record<string, unknown>)[key];
    current = next === undefined ? null : next;
  }
  return current;
}

function rangeEntries(value: unknown, where: Where): [unknown, unknown][] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    return Object.keys(map).sort().map((k) => [k, map[k]]);
  }
  return fail(where, `range can't iterate over ${String(value)}`);
}

function fail(where: Where, message: string): never {
  throw new TemplateError(where.template, where.line, message);
}
