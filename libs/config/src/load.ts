import { applyEnvOverrides, type EnvOverride } from './env';
import { ConfigError, type ConfigIssue } from './errors';
import { type DeepReadonly, deepFreeze } from './freeze';
import { locateConfigFile, readConfigFile } from './source';
import { type HarborConfigData, validate } from './validate';

/** The whole product's configuration: harbor.yml validated, defaulted and frozen. */
export type HarborConfig = DeepReadonly<HarborConfigData>;

export interface LoadOptions {
  /** Explicit file; wins over --config, HARBOR_CONFIG and ./harbor.yml. */
  file?: string;
  /** Environment to read HARBOR_CONFIG and HARBOR__* overrides from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Command line to look for `--config <path>` in; defaults to process.argv. */
  argv?: string[];
}

export interface LoadedConfig {
  config: HarborConfig;
  /** Unknown or not-yet-supported keys, and YAML warnings: worth logging, not fatal. */
  warnings: string[];
  /** Absolute path of the file read, when one was. */
  source?: string;
}

/**
 * Loads the configuration once at start: file, then HARBOR__* overrides, then validation.
 * Throws a ConfigError listing every problem; nothing else in the product reads process.env.
 */
export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const source = locateConfigFile({ file: opts.file, env, argv: opts.argv ?? process.argv });
  const file = source ? readConfigFile(source) : { tree: {}, warnings: [] };
  const { overrides, issues: envIssues } = applyEnvOverrides(file.tree, env);
  const result = validate(withoutNulls(file.tree));
  const warnings = [...file.warnings, ...result.warnings];
  const issues = [...envIssues, ...(result.ok ? [] : result.issues.map((i) => blameOverride(i, overrides)))];
  if (issues.length > 0 || !result.ok) throw new ConfigError(issues, source);
  return { config: deepFreeze(result.value), warnings, ...(source ? { source } : {}) };
}

/** `key:` with nothing after it is YAML null; Harbor reads that as "not set", and so do we. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== null);
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutNulls(v)]));
}

/** Points at the environment variable when one set the offending key. */
function blameOverride(issue: ConfigIssue, overrides: EnvOverride[]): ConfigIssue {
  const hit = overrides.find((o) => issue.path === o.path || issue.path.startsWith(`${o.path}.`));
  return hit ? { path: issue.path, message: `${issue.message} (set by ${hit.variable})` } : issue;
}
