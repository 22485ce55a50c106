import { link } from '../router';
import type { SignedIn } from '../session';
import { append, h } from '../ui/dom';

/** Any other path: Harbor's "page not found" with a way home. */
export function notFoundPage(_who: SignedIn, page: HTMLElement): void {
  append(page,
    h('h2', { class: 'page-title' }, 'Page not found'),
    h('p', {}, 'The page you are looking for does not exist. ', link('/harbor/projects', 'Go to the projects')),
  );
}
