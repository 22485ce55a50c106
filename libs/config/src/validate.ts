import type { z } from 'zod';
import { type ConfigIssue, formatPath } from './errors';
import { HARBOR_KEYS_NOT_MODELLED, harborSchema } from './schema/harbor';
import { describeIssue } from './schema/issues';

export type HarborConfigData = z.output<typeof harborSchema>;

export type Validated =
  | { ok: true; value: HarborConfigData; warnings: string[] }
  | { ok: false; issues: ConfigIssue[]; warnings: string[] };

type KeyPath = PropertyKey[];

/**
 * Validates a settings tree against harborSchema. Every problem is collected in one pass.
 * Unknown keys are warnings, not errors: a stock harbor.yml carries many keys this product
 * does not use yet, and a typo should be visible without stopping the service.
 */
export function validate(tree: unknown): Validated {
  const first = harborSchema.safeParse(tree, { error: describeIssue });
  if (first.success) return { ok: true, value: first.data, warnings: [] };
  const unknown: KeyPath[] = [];
  const issues: ConfigIssue[] = [];
  for (const iss of first.error.issues) {
    if (iss.code === 'unrecognized_keys') unknown.push(...iss.keys.map((k) => [...iss.path, k]));
    else issues.push({ path: formatPath(iss.path), message: iss.message });
  }
  const warnings = unknown.map(unknownKeyWarning);
  if (issues.length > 0) return { ok: false, issues, warnings };
  // Only unknown keys: drop them and parse again to get the typed value.
  const second = harborSchema.safeParse(withoutKeys(tree, unknown), { error: describeIssue });
  if (second.success) return { ok: true, value: second.data, warnings };
  const rest = second.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  return { ok: false, issues: rest, warnings };
}

function unknownKeyWarning(path: KeyPath): string {
  const name = formatPath(path);
  if (path.length === 1 && HARBOR_KEYS_NOT_MODELLED.has(String(path[0]))) {
    return `${name}: Harbor setting not supported yet, ignored`;
  }
  return `${name}: unknown key, ignored`;
}

/** A copy of `tree` without the given key paths (the input itself stays untouched). */
function withoutKeys(tree: unknown, paths: KeyPath[]): unknown {
  const copy = structuredClone(tree);
  for (const path of paths) {
    let node: unknown = copy;
    for (const segment of path.slice(0, -1)) node = (node as Record<PropertyKey, unknown>)[segment];
    delete (node as Record<PropertyKey, unknown>)[path[path.length - 1]];
  }
  return copy;
}
