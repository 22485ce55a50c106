import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './errors';

/** Where the configuration file comes from, in order of precedence. */
export interface SourceOptions {
  file?: string;
  env: Record<string, string | undefined>;
  argv: string[];
}

/**
 * Picks the configuration file: explicit path, then `--config <path>` (or `--config=<path>`),
 * then HARBOR_CONFIG, then ./harbor.yml when it exists. Undefined means defaults only.
 * Returns an absolute path; a file named explicitly must exist (checked when read).
 */
export function locateConfigFile(opts: SourceOptions): string | undefined {
  const named = opts.file ?? configArg(opts.argv) ?? nonEmptyEnv(opts.env.HARBOR_CONFIG);
  if (named !== undefined) return resolve(named);
  const local = resolve('harbor.yml');
  return existsSync(local) ? local : undefined;
}

function configArg(argv: string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--config=')) return arg.slice('--config='.length) || missingArg();
    if (arg === '--config') return argv[i + 1] ?? missingArg();
  }
  return undefined;
}

function missingArg(): never {
  throw new ConfigError([{ path: '--config', message: 'expects a file path' }]);
}

function nonEmptyEnv(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Reads and parses a YAML settings file; any problem becomes a ConfigError naming the file. */
export function readConfigFile(file: string): { tree: Record<string, unknown>; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ path: file, message: `cannot read the file: ${(err as Error).message}` }], file);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({ path: file, message: `invalid YAML: ${e.message}` }));
    throw new ConfigError(issues, file);
  }
  const tree: unknown = doc.toJS();
  const warnings = doc.warnings.map((w) => `${file}: ${w.message}`);
  if (tree === null || tree === undefined) return { tree: {}, warnings };
  if (typeof tree !== 'object' || Array.isArray(tree)) {
    throw new ConfigError([{ path: file, message: 'expected a mapping of settings at the top level' }], file);
  }
  return { tree: tree as Record<string, unknown>, warnings };
}
