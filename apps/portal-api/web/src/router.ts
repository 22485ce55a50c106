import { type Child, h } from './ui/dom';

// A small history.pushState router. Patterns use ":name" for one path segment; the value is
// handed over decoded, so "hello%2Fworld" arrives as "hello/world".

export type Params = Record<string, string>;
export type View = (params: Params, query: URLSearchParams) => void | Promise<void>;

interface CompiledRoute {
  regex: RegExp;
  names: string[];
  view: View;
}

const routes: CompiledRoute[] = [];
let fallback: View = () => undefined;

export function route(pattern: string, view: View): void {
  const names: string[] = [];
  const source = pattern.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}/?$`), names, view });
}

export function notFound(view: View): void {
  fallback = view;
}

/** Renders the view for the current location. */
export async function resolve(): Promise<void> {
  const { pathname, search } = window.location;
  const query = new URLSearchParams(search);
  for (const r of routes) {
    const match = r.regex.exec(pathname);
    if (!match) continue;
    const params: Params = {};
    r.names.forEach((name, i) => (params[name] = safeDecode(match[i + 1])));
    await r.view(params, query);
    return;
  }
  await fallback({}, query);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void resolve();
}

export function start(): void {
  window.addEventListener('popstate', () => void resolve());
  void resolve();
}

/** The current path and query, e.g. to come back after signing in. */
export function currentUrl(): string {
  return window.location.pathname + window.location.search;
}

/** An <a> that navigates in-app on a plain click and stays a real link otherwise. */
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  const a = h('a', { attrs: { href } }, ...children);
  a.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  });
  return a;
}
