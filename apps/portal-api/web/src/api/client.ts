// The one place the portal talks HTTP to core (same origin, through the proxy). It keeps the
// session's CSRF token, turns Harbor's error bodies into ApiError and reads list totals.

const CSRF_HEADER = 'X-Harbor-CSRF-Token';

/** A failed call: the HTTP status and Harbor's first {code, message}. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  /** X-Total-Count: every matching item, not just this page. */
  total: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

type Body = { json: unknown } | { form: Record<string, string> };

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Called when an API call answers 401 (the session ended): the app sends the user to sign in. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function forgetSession(): void {
  csrfToken = undefined;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function call(method: string, path: string, query?: Query, body?: Body): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (UNSAFE.has(method) && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let payload: string | undefined;
  if (body && 'json' in body) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(body.form).toString();
  }
  const res = await fetch(withQuery(path, query), { method, headers, body: payload, credentials: 'same-origin' });
  const token = res.headers.get(CSRF_HEADER);
  if (token) csrfToken = token;
  if (!res.ok) throw await errorOf(res);
  return res;
}

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = 'UNKNOWN';
  let message = `${res.status} ${res.statusText}`.trim();
  try {
    const body = (await res.json()) as { errors?: { code?: string; message?: string }[] };
    const first = body.errors?.[0];
    if (first?.code) code = first.code;
    if (first?.message) message = first.message;
  } catch {
    // Not Harbor's JSON body (a proxy error page, say): the status line is all there is.
  }
  if (res.status === 401 && !res.url.includes('/c/login')) onUnauthorized?.();
  return new ApiError(res.status, code, message);
}

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  async get<T>(path: string, query?: Query): Promise<T> {
    return json<T>(await call('GET', path, query));
  },
  async page<T>(path: string, query: Query): Promise<Page<T>> {
    const res = await call('GET', path, query);
    const items = (await json<T[]>(res)) ?? [];
    const total = Number(res.headers.get('X-Total-Count') ?? items.length);
    return { items, total };
  },
  async post<T = void>(path: string, body: unknown): Promise<T> {
    return json<T>(await call('POST', path, undefined, { json: body }));
  },
  async put(path: string, body: unknown): Promise<void> {
    await call('PUT', path, undefined, { json: body });
  },
  async patch<T = void>(path: string, body: unknown): Promise<T> {
    return json<T>(await call('PATCH', path, undefined, { json: body }));
  },
  async delete(path: string): Promise<void> {
    await call('DELETE', path);
  },
  async postForm(path: string, form: Record<string, string>): Promise<void> {
    await call('POST', path, undefined, { form });
  },
};
