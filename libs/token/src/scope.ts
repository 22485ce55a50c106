/** One resource and the actions granted (or requested) on it, as in the token's `access` claim. */
export interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

// Docker token spec: resourcetype := resourcetypevalue [ '(' resourcetypevalue ')' ],
// resourcetypevalue := /[a-z0-9]+/  (e.g. "repository", "registry", "repository(plugin)").
const RESOURCE_TYPE = /^[a-z0-9]+(?:\([a-z0-9]+\))?$/;
// The spec says action := /[a-z]*/; Harbor adds "scanner-pull" and the wildcard "*".
const ACTION = /^(?:[a-z0-9_-]+|\*)$/;

/**
 * Parses one scope, "repository:library/ubuntu:pull,push". The name may itself contain ':'
 * (a registry host with a port, "repository:host:5000/x:pull"), so the type is the first
 * segment, the actions the last and the name everything between. Invalid: undefined.
 */
export function parseScopeEntry(scope: string): AccessEntry | undefined {
  const parts = scope.split(':');
  if (parts.length < 3) return undefined;
  const type = parts[0];
  const name = parts.slice(1, -1).join(':');
  const actions = [...new Set(parts[parts.length - 1].split(',').filter((a) => a !== ''))];
  if (!RESOURCE_TYPE.test(type) || name === '' || /\s/.test(name)) return undefined;
  if (actions.length === 0 || !actions.every((a) => ACTION.test(a))) return undefined;
  return { type, name, actions };
}

/**
 * Parses a scope parameter, which may hold several space-separated scopes (clients also
 * repeat `scope=`; join those with a space first). Invalid scopes are skipped: the token
 * service grants what it can and never fails a request over a scope it does not understand.
 */
export function parseScope(scope: string): AccessEntry[] {
  return scope
    .split(/\s+/)
    .filter((s) => s !== '')
    .map(parseScopeEntry)
    .filter((e): e is AccessEntry => e !== undefined);
}

/** {type, name, actions} -> "type:name:a,b", the form used in scope parameters and challenges. */
export function formatScope(entry: AccessEntry): string {
  return `${entry.type}:${entry.name}:${entry.actions.join(',')}`;
}
