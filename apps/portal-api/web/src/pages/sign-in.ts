import { ApiError } from '../api/client';
import { navigate, type Params } from '../router';
import { clearSession, signIn } from '../session';
import { unmount } from '../shell';
import { ICONS, h, icon, replace } from '../ui/dom';

// /account/sign-in: Harbor's login form. The form posts principal and password to /c/login;
// afterwards the user goes back to the page asked for (redirect_url) or to the projects.

const INVALID = 'Invalid user name or password.';

/** The sign-in page, coming back to `redirectTo` afterwards unless that is the default landing page. */
export function signInUrl(redirectTo: string): string {
  const landing = ['', '/', '/harbor', '/harbor/projects'].includes(redirectTo);
  return landing ? '/account/sign-in' : `/account/sign-in?redirect_url=${encodeURIComponent(redirectTo)}`;
}

/** Only a path on this site: "//evil.example" or "https://..." would leave the portal. */
function safeRedirect(target: string | null): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\') || target.startsWith('/account/sign-in')) {
    return '/harbor/projects';
  }
  return target;
}

export function signInPage(_params: Params, query: URLSearchParams): void {
  clearSession();
  unmount();
  const username = h('input', { attrs: { id: 'login_username', name: 'principal', type: 'text', placeholder: 'Username', autocomplete: 'username', 'aria-label': 'Username' } });
  const password = h('input', { attrs: { id: 'login_password', name: 'password', type: 'password', placeholder: 'Password', autocomplete: 'current-password', 'aria-label': 'Password' } });
  const error = h('div', { class: 'login-error', attrs: { role: 'alert' } });
  const submit = h('button', { class: 'btn btn-primary login-button', attrs: { type: 'submit', id: 'log_in' } }, 'LOG IN');
  const form = h('form', { class: 'login-form', attrs: { novalidate: '' } },
    h('div', { class: 'login-title' }, icon(ICONS.harbor), h('span', {}, 'Harbor')),
    username, password, error, submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt();
  });
  async function attempt(): Promise<void> {
    replace(error);
    if (!username.value || !password.value) return replace(error, h('div', { class: 'alert alert-danger' }, 'Username and password are required.'));
    submit.disabled = true;
    try {
      const who = await signIn(username.value, password.value);
      if (!who) throw new ApiError(401, 'UNAUTHORIZED', INVALID);
      navigate(safeRedirect(query.get('redirect_url')), { replace: true });
    } catch (err) {
      const message = err instanceof ApiError && err.status === 401 ? INVALID : err instanceof Error ? err.message : String(err);
      replace(error, h('div', { class: 'alert alert-danger' }, message));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  }
  const app = document.getElementById('app') as HTMLElement;
  replace(app, h('div', { class: 'login-wrapper' }, form));
  username.focus();
}
