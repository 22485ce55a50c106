/** Methods that change nothing: no CSRF token needed, and allowed in read-only mode. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
