import './styles/index.css';
import { setUnauthorizedHandler } from './api/client';
import { artifactDetailsPage } from './pages/artifact/details';
import { artifactsPage } from './pages/artifacts';
import { notFoundPage } from './pages/not-found';
import { projectPage } from './pages/project';
import { projectsPage } from './pages/projects';
import { signInPage, signInUrl } from './pages/sign-in';
import { usersPage } from './pages/users';
import { cleanUpPage } from './pages/admin/clean-up';
import { configsPage } from './pages/admin/configs';
import { labelsPage } from './pages/admin/labels';
import { logsPage } from './pages/admin/logs';
import { systemRobotsPage } from './pages/admin/system-robots';
import { currentUrl, navigate, notFound, type Params, route, start, type View } from './router';
import { clearSession, loadSession, type SignedIn, signedIn } from './session';
import { mount, unmount } from './shell';
import { h, replace } from './ui/dom';

// The portal's routes, in Harbor's URL shapes. Every page but sign-in needs a session; a page
// opened without one goes to sign-in and comes back afterwards (redirect_url).

type Page = (who: SignedIn, page: HTMLElement, params: Params) => void;

function signedInOnly(page: Page, options: { adminOnly?: boolean } = {}): View {
  return async (params) => {
    let who: SignedIn | undefined;
    try {
      who = await loadSession();
    } catch (err) {
      return showFatal(err);
    }
    if (!who) return navigate(signInUrl(currentUrl()), { replace: true });
    if (options.adminOnly && !who.user.sysadmin_flag) return navigate('/harbor/projects', { replace: true });
    page(who, mount(who), params);
  };
}

function redirect(to: (params: Params) => string): View {
  return (params) => navigate(to(params), { replace: true });
}

function showFatal(err: unknown): void {
  const app = document.getElementById('app') as HTMLElement;
  replace(app, h('div', { class: 'alert alert-danger fatal', attrs: { role: 'alert' } }, `The portal cannot reach Harbor: ${err instanceof Error ? err.message : String(err)}`));
}

// A session that ends while a page is open (expired, signed out elsewhere): back to sign-in.
setUnauthorizedHandler(() => {
  if (!signedIn()) return;
  clearSession();
  unmount();
  navigate(signInUrl(currentUrl()), { replace: true });
});

route('/', redirect(() => '/harbor/projects'));
route('/harbor', redirect(() => '/harbor/projects'));
route('/account/sign-in', signInPage);
route('/harbor/projects', signedInOnly(projectsPage));
route('/harbor/projects/:id', redirect((p) => `/harbor/projects/${encodeURIComponent(p.id)}/summary`));
route('/harbor/projects/:id/summary', signedInOnly((who, page, p) => projectPage(who, page, p, 'summary')));
route('/harbor/projects/:id/repositories', signedInOnly((who, page, p) => projectPage(who, page, p, 'repositories')));
route('/harbor/projects/:id/members', signedInOnly((who, page, p) => projectPage(who, page, p, 'members')));
route('/harbor/projects/:id/tag-strategy', signedInOnly((who, page, p) => projectPage(who, page, p, 'policy')));
route('/harbor/projects/:id/robot-account', signedInOnly((who, page, p) => projectPage(who, page, p, 'robots')));
route('/harbor/projects/:id/webhook', signedInOnly((who, page, p) => projectPage(who, page, p, 'webhooks')));
route('/harbor/projects/:id/logs', signedInOnly((who, page, p) => projectPage(who, page, p, 'logs')));
route('/harbor/projects/:id/configs', signedInOnly((who, page, p) => projectPage(who, page, p, 'configs')));
route('/harbor/projects/:id/repositories/:repo', redirect((p) => `/harbor/projects/${encodeURIComponent(p.id)}/repositories/${encodeURIComponent(p.repo)}/artifacts-tab`));
route('/harbor/projects/:id/repositories/:repo/artifacts-tab', signedInOnly(artifactsPage));
route('/harbor/projects/:id/repositories/:repo/artifacts-tab/artifacts/:digest', signedInOnly(artifactDetailsPage));
route('/harbor/users', signedInOnly(usersPage, { adminOnly: true }));
route('/harbor/robot-accounts', signedInOnly(systemRobotsPage, { adminOnly: true }));
route('/harbor/labels', signedInOnly(labelsPage, { adminOnly: true }));
route('/harbor/clearing-job', redirect(() => '/harbor/clearing-job/gc'));
route('/harbor/clearing-job/gc', signedInOnly((who, page) => cleanUpPage(who, page, 'gc'), { adminOnly: true }));
route('/harbor/clearing-job/audit-log-purge', signedInOnly((who, page) => cleanUpPage(who, page, 'audit-log-purge'), { adminOnly: true }));
route('/harbor/configs', signedInOnly(configsPage, { adminOnly: true }));
route('/harbor/logs', signedInOnly(logsPage, { adminOnly: true }));
notFound(signedInOnly(notFoundPage));

start();
