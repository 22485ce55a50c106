import { parse as parseYaml } from 'yaml';
import type { ConfigIssue } from './errors';

/** Environment variables starting with this prefix override settings by path. */
export const ENV_PREFIX = 'HARBOR__';

type Tree = Record<string, unknown>;

export interface EnvOverride {
  variable: string;
  /** Dotted key path the variable sets, e.g. "http.port". */
  path: string;
}

// Segments that would reach Object.prototype instead of a setting.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Applies HARBOR__A__B=value overrides to a settings tree (mutating it). HARBOR__HTTP__PORT=9000
 * sets http.port; segments are lowercased. Variables apply in name order so the result does
 * not depend on the environment's ordering.
 */
export function applyEnvOverrides(
  tree: Tree,
  env: Record<string, string | undefined>,
): { overrides: EnvOverride[]; issues: ConfigIssue[] } {
  const overrides: EnvOverride[] = [];
  const issues: ConfigIssue[] = [];
  const names = Object.keys(env).filter((n) => n.startsWith(ENV_PREFIX)).sort();
  for (const variable of names) {
    const raw = env[variable];
    if (raw === undefined) continue;
    const segments = variable.slice(ENV_PREFIX.length).toLowerCase().split('__');
    if (segments.some((s) => s === '' || FORBIDDEN.has(s))) {
      issues.push({ path: variable, message: 'not a valid setting path (use HARBOR__SECTION__KEY)' });
      continue;
    }
    if (!setPath(tree, segments, envScalar(raw))) {
      issues.push({ path: variable, message: 'names a key inside a list; add the item index (...__0__KEY)' });
      continue;
    }
    overrides.push({ variable, path: segments.join('.') });
  }
  return { overrides, issues };
}

/**
 * Reads a variable's value as a YAML scalar ("9000" -> 9000, "true" -> true, "" -> unset),
 * but only when that is lossless: "0123" or "1e3" stay text, so a password survives intact.
 */
export function envScalar(raw: string): unknown {
  if (raw.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch {
    return raw;
  }
  if (parsed === null) return null;
  if ((typeof parsed === 'number' || typeof parsed === 'boolean') && String(parsed) === raw) return parsed;
  return raw;
}

const INDEX = /^\d+$/;

/**
 * Sets (or, for null, removes) tree[a][b]...; numeric segments index lists. Returns false
 * when a non-numeric segment meets a list, where the value would silently go nowhere.
 */
function setPath(tree: Tree, segments: string[], value: unknown): boolean {
  let node: Tree = tree;
  for (const [i, segment] of segments.entries()) {
    if (Array.isArray(node) && !INDEX.test(segment)) return false;
    if (i === segments.length - 1) break;
    if (node[segment] === null || typeof node[segment] !== 'object') {
      if (value === null) return true; // unsetting below a missing section: nothing to do
      node[segment] = INDEX.test(segments[i + 1]) ? [] : {};
    }
    node = node[segment] as Tree;
  }
  const last = segments[segments.length - 1];
  if (value === null) delete node[last];
  else node[last] = value;
  return true;
}
