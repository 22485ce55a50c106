/** One problem found in the configuration, named by its dotted key path (or the file). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * Thrown by loadConfig when the configuration cannot be used. It carries every problem at
 * once, so an operator fixes the file in one pass instead of one restart per mistake.
 */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], source?: string) {
    super(formatIssues(issues, source));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

function formatIssues(issues: ConfigIssue[], source?: string): string {
  const where = source ? ` (${source})` : '';
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map((i) => `  ${i.path}: ${i.message}`);
  return [`Invalid configuration${where}, ${count}:`, ...lines].join('\n');
}

/** ['registry', 'notifications', 'endpoints', 0, 'url'] -> "registry.notifications.endpoints[0].url" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(root)';
}

/** Quotes a user value for an error message, keeping it short. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = typeof value === 'string' ? `'${value}'` : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
