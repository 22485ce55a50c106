import { openPasswordDialog, openProfileDialog } from './pages/admin/account';
import { ADMIN_NAV, LOGS_NAV } from './pages/admin/admin-nav';
import { link, navigate } from './router';
import { type SignedIn, signOut } from './session';
import { ICONS, button, h, icon, replace } from './ui/dom';

// The frame around every signed-in page: Harbor's header bar (product, version, user menu)
// and the left navigation. Pages render into the element mount() returns.

let shell: { root: HTMLElement; content: HTMLElement; notices: HTMLElement; nav: HTMLElement; username: string } | undefined;

/** Shows the shell for `who` (building it once) and returns an empty content area. */
export function mount(who: SignedIn): HTMLElement {
  const app = document.getElementById('app') as HTMLElement;
  if (!shell || shell.username !== who.user.username || !app.contains(shell.root)) {
    shell = build(who);
    replace(app, shell.root);
  }
  markActiveNav(shell.nav);
  replace(shell.notices);
  const page = h('div', { class: 'page' });
  replace(shell.content, page);
  return page;
}

/** Forgets the shell, e.g. after signing out, so the next user gets a fresh one. */
export function unmount(): void {
  shell = undefined;
}

/** A success or error banner at the top of the page, as Harbor's message area. */
export function notify(message: string, kind: 'success' | 'danger' = 'success'): void {
  if (!shell) return;
  const banner = h('div', { class: `alert alert-${kind} notice`, attrs: { role: kind === 'danger' ? 'alert' : 'status' } },
    h('span', {}, message), button('×', () => banner.remove(), { class: 'alert-close', attrs: { 'aria-label': 'Dismiss' } }));
  replace(shell.notices, banner);
  window.setTimeout(() => banner.remove(), 6000);
}

function build(who: SignedIn): { root: HTMLElement; content: HTMLElement; notices: HTMLElement; nav: HTMLElement; username: string } {
  const content = h('div', { class: 'content-area' });
  const notices = h('div', { class: 'notices' });
  const nav = navigation(who);
  const root = h('div', { class: 'app-shell' },
    header(who),
    h('div', { class: 'app-body' }, nav, h('main', { class: 'app-main' }, notices, content)),
  );
  return { root, content, notices, nav, username: who.user.username };
}

function header(who: SignedIn): HTMLElement {
  const version = who.info.harbor_version ?? '';
  return h('header', { class: 'app-header' },
    link('/harbor/projects', icon(ICONS.harbor), h('span', { class: 'brand-name' }, 'Harbor')),
    version ? h('span', { class: 'version', attrs: { title: 'Version' } }, version) : null,
    h('div', { class: 'header-spacer' }),
    userMenu(who),
  );
}

function userMenu(who: SignedIn): HTMLElement {
  const item = (label: string, run: () => void) => button(label, () => {
    wrapper.classList.remove('open');
    run();
  }, { class: 'dropdown-item', attrs: { role: 'menuitem' } });
  const menu = h('div', { class: 'dropdown-menu', attrs: { role: 'menu' } },
    item('User Profile', () => openProfileDialog(who)),
    item('Change Password', () => openPasswordDialog(who)),
    h('div', { class: 'dropdown-divider', attrs: { role: 'separator' } }),
    item('Log Out', () => void logOut()));
  const toggle = button('', () => wrapper.classList.toggle('open'), { class: 'user-toggle', attrs: { 'aria-haspopup': 'menu', 'aria-label': `User menu of ${who.user.username}` } });
  toggle.append(icon(ICONS.user), h('span', { class: 'username' }, who.user.username), h('span', { class: 'caret' }, '▾'));
  const wrapper = h('div', { class: 'dropdown user-menu' }, toggle, menu);
  document.addEventListener('click', (event) => {
    if (!wrapper.contains(event.target as Node)) wrapper.classList.remove('open');
  });
  return wrapper;
}

async function logOut(): Promise<void> {
  try {
    await signOut();
  } finally {
    unmount();
    navigate('/account/sign-in');
  }
}

function navigation(who: SignedIn): HTMLElement {
  const items: HTMLElement[] = [navLink('/harbor/projects', 'Projects', ICONS.projects)];
  if (who.user.sysadmin_flag) {
    items.push(navLink(LOGS_NAV.href, LOGS_NAV.label, LOGS_NAV.icon));
    items.push(h('div', { class: 'nav-group' }, 'Administration'), navLink('/harbor/users', 'Users', ICONS.users, 'nested'));
    items.push(...ADMIN_NAV.map((entry) => navLink(entry.href, entry.label, entry.icon, 'nested')));
  }
  return h('nav', { class: 'sidenav', attrs: { 'aria-label': 'Main navigation' } }, ...items);
}

function navLink(href: string, label: string, iconPath: string, extra = ''): HTMLElement {
  const a = link(href, icon(iconPath), h('span', {}, label));
  a.className = `nav-link ${extra}`.trim();
  a.dataset.prefix = href;
  return a;
}

function markActiveNav(nav: HTMLElement): void {
  for (const a of nav.querySelectorAll<HTMLAnchorElement>('a.nav-link')) {
    a.classList.toggle('active', window.location.pathname.startsWith(a.dataset.prefix ?? '\0'));
  }
}
