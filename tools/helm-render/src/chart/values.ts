import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

export type Values = Record<string, unknown>;

/** Reads one YAML file as a mapping (an empty file is an empty mapping). */
export function readYamlMap(file: string): Values {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
  const tree: unknown = doc.toJS();
  if (tree === null || tree === undefined) return {};
  if (typeof tree !== 'object' || Array.isArray(tree)) throw new Error(`${file}: expected a mapping at the top level`);
  return tree as Values;
}

function isMap(v: unknown): v is Values {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Helm's coalescing of values: maps merge key by key, anything else in the override replaces
 * the default, and a null override deletes the key (how a values file unsets a default).
 */
export function mergeValues(base: Values, override: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = mergeValues(out[key] as Values, value);
    else out[key] = value;
  }
  return out;
}
