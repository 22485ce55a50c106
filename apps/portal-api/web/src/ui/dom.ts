// Building DOM without innerHTML: every string lands in a text node, so data from the server
// (names, descriptions, error messages) can never become markup.

export type Child = Node | string | number | null | undefined | false;

type Handlers = { [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };

export interface Props {
  class?: string;
  /** Attributes set with setAttribute (type, name, href, aria-*, data-*, ...). */
  attrs?: Record<string, string | undefined>;
  on?: Handlers;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) if (value !== undefined) el.setAttribute(name, value);
  for (const [event, handler] of Object.entries(props.on ?? {})) el.addEventListener(event, handler as EventListener);
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces an element's content with the given children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function button(label: string, onClick: () => void, props: { class?: string; attrs?: Record<string, string | undefined> } = {}): HTMLButtonElement {
  return h('button', { class: props.class ?? 'btn', attrs: { type: 'button', ...props.attrs }, on: { click: onClick } }, label);
}

/** A small SVG drawn from path data (icons are code, not markup strings). */
export function icon(pathData: string, label?: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon');
  if (label) svg.setAttribute('aria-label', label);
  else svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', pathData);
  svg.appendChild(path);
  return svg;
}

export const ICONS = {
  projects: 'M3 5h7l2 2h9v12H3z',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9c0-4 3-6 7-6s7 2 7 6zm15-9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm1 3c2 .5 4 2 4 6h-4c0-2.5-.8-4.5-2-6z',
  copy: 'M8 3h11v13h-2V5H8zM5 7h10v14H5z',
  user: 'M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm-9 10c0-5 4-8 9-8s9 3 9 8z',
  harbor: 'M12 2l9 5v10l-9 5-9-5V7zm0 4L7 9v6l5 3 5-3V9z',
};
