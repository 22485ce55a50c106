/**
 * Response headers an error carries to the renderer: the 401 challenge (WWW-Authenticate) and
 * the 416 `Content-Range: bytes *\/<size>`. The renderer drops every header a handler set
 * before failing and applies only these.
 */
const HEADERS = Symbol('responseHeaders');

type WithHeaders = { [HEADERS]?: Record<string, string> };

export function withResponseHeaders<E extends Error>(err: E, headers: Record<string, string>): E {
  const target = err as E & WithHeaders;
  target[HEADERS] = { ...target[HEADERS], ...headers };
  return err;
}

export function responseHeadersOf(err: unknown): Record<string, string> {
  return (err as WithHeaders | undefined)?.[HEADERS] ?? {};
}
