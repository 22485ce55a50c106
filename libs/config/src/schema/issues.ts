import type { z } from 'zod';
import { showValue } from '../errors';

// zod's default wording ("Invalid input: expected number, received string") names types the
// way TypeScript does; operators edit YAML, so messages speak YAML and quote the value.

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

/** Per-parse error map for harborSchema; returns undefined to keep zod's own message. */
export function describeIssue(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      return `expected ${TYPE_NAMES[iss.expected] ?? iss.expected}, got ${showValue(iss.input)}`;
    case 'invalid_value':
      return `expected one of ${iss.values.map(String).join(', ')}, got ${showValue(iss.input)}`;
    case 'too_small':
      return `must be at least ${String(iss.minimum)}`;
    case 'too_big':
      return `must be at most ${String(iss.maximum)}`;
    default:
      return undefined;
  }
}
