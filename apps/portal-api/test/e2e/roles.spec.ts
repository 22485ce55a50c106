import type { Credentials } from '../../../core/test/support/api-client';
import { actOnRow, alertText, type Browser, gridRow, launchBrowser, type Page, projectTabs, screenshot, scriptErrors, toolbarActions, signedInPage } from '../support/browser';
import { pushImage } from '../support/images';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// What each role sees in a project, in a real browser against the real stack: the portal shows
// the actions Harbor's permission matrix grants the role, and the server refuses the ones it
// hides. Roles: Project Admin 1, Developer 2, Guest 3, Maintainer 4, Limited Guest 5.

let stack: PortalStack;
let browser: Browser;
let projectId: number;
let digest: string;

const PAM = { username: 'pam', password: 'Pam12345pw' };
const MAX = { username: 'max', password: 'Max12345pw' };
const DEV = { username: 'dev', password: 'Dev12345pw' };
const GINA = { username: 'gina', password: 'Gina1234pw' };
const LIM = { username: 'lim', password: 'Lim12345pw' };
/** Signed up, member of nothing. */
const UNA = { username: 'una', password: 'Una12345pw' };
/** A system admin who is not a member of the project. */
const ROOT = { username: 'root', password: 'Root1234pw' };
const ROLES: [Credentials, number][] = [[PAM, 1], [MAX, 4], [DEV, 2], [GINA, 3], [LIM, 5]];

const ALL_TABS = ['Summary', 'Repositories', 'Members', 'Policy', 'Robot Accounts', 'Webhooks', 'Logs', 'Configuration'];
const ROBOT = 'robot$team+ci';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  for (const user of [PAM, MAX, DEV, GINA, LIM, UNA, ROOT]) {
    const created = await stack.admin.post('/users', { ...user, email: `${user.username}@example.com`, realname: user.username });
    expect(created.status).toBe(201);
  }
  const root = (await stack.admin.get<{ user_id: number }[]>('/users?q=username%3Droot')).body[0];
  expect((await stack.admin.put(`/users/${root.user_id}/sysadmin`, { sysadmin_flag: true })).status).toBe(200);
  expect((await stack.admin.post('/projects', { project_name: 'team', metadata: { public: 'false' } })).status).toBe(201);
  projectId = (await stack.admin.get<{ project_id: number }>('/projects/team', { 'X-Is-Resource-Name': 'true' })).body.project_id;
  // admin created the project and is its Project Admin; ROOT stays outside.
  expect((await stack.admin.get<{ entity_name: string }[]>(`/projects/${projectId}/members`)).body.map((m) => m.entity_name)).toEqual(['admin']);
  for (const [user, role] of ROLES) {
    expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: role, member_user: { username: user.username } })).status).toBe(201);
  }
  const robot = { name: 'ci', level: 'project', duration: -1, description: 'pipeline', permissions: [{ kind: 'project', namespace: 'team', access: [{ resource: 'repository', action: 'pull' }] }] };
  expect((await stack.admin.post('/robots', robot)).status).toBe(201);
  digest = (await pushImage(stack.host, 'team/app:1.0', `${ADMIN.username}:${ADMIN.password}`)).manifestDigest;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const signedInAs = (user: Credentials): Promise<Page> => signedInPage(browser, stack.baseUrl, user);

const as = (user: Credentials) => stack.admin.as(user);
const repoPath = () => `/projects/team/repositories/app`;
const artifactPath = () => `${repoPath()}/artifacts/${digest}`;

/** What a user sees on each page of the project, and how often the page asked for permissions. */
interface ProjectView {
  tabs: string[];
  repositories: string[];
  artifacts: string[];
  members?: string[];
  robots?: string[];
  permissionRequests: number;
}

/** Walks the project as a user does: repositories, an artifact list, back, then each visible tab. */
async function projectView(page: Page): Promise<ProjectView> {
  let permissionRequests = 0;
  page.on('request', (request) => {
    if (request.url().includes('/api/v2.0/users/current/permissions')) permissionRequests++;
  });
  await page.goto(`/harbor/projects/${projectId}/repositories`);
  await gridRow(page, 'team/app').waitFor();
  const tabs = await projectTabs(page);
  const repositories = await toolbarActions(page);
  await page.getByRole('link', { name: 'team/app', exact: true }).click();
  await gridRow(page, digest.slice(0, 15)).waitFor();
  const artifacts = await toolbarActions(page);
  await page.locator('.breadcrumb').getByRole('link', { name: 'team', exact: true }).click();
  await gridRow(page, 'team/app').waitFor();
  const view: ProjectView = { tabs, repositories, artifacts, permissionRequests: 0 };
  if (tabs.includes('Members')) {
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await gridRow(page, PAM.username).waitFor();
    view.members = await toolbarActions(page);
  }
  if (tabs.includes('Robot Accounts')) {
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Robot Accounts', exact: true }).click();
    await gridRow(page, ROBOT).waitFor();
    view.robots = await toolbarActions(page);
  }
  view.permissionRequests = permissionRequests;
  return view;
}

// Harbor's matrix (libs/rbac/src/matrix.ts) for the resources these pages act on:
//   repository create: admin, maintainer, developer   repository delete: admin, maintainer
//   artifact delete: admin, maintainer                member create/update/delete: admin
//   member list and robot list: all but limited guest robot create/delete: admin
const PROJECT_ADMIN_VIEW = {
  tabs: ALL_TABS,
  repositories: ['PUSH COMMAND', 'DELETE'],
  artifacts: ['DELETE'],
  members: ['+ USER', 'SET ROLE', 'REMOVE'],
  robots: ['+ NEW ROBOT ACCOUNT', 'DELETE'],
};

describe('each role sees the actions its permissions allow, asked for once per visit', () => {
  it.each([
    ['Project Admin', PAM, { ...PROJECT_ADMIN_VIEW, permissionRequests: 1 }],
    ['Maintainer', MAX, { tabs: ALL_TABS.filter((t) => t !== 'Logs'), repositories: ['PUSH COMMAND', 'DELETE'], artifacts: ['DELETE'], members: [], robots: [], permissionRequests: 1 }],
    ['Developer', DEV, { tabs: ['Summary', 'Repositories', 'Members', 'Policy', 'Robot Accounts', 'Configuration'], repositories: ['PUSH COMMAND'], artifacts: [], members: [], robots: [], permissionRequests: 1 }],
    ['Guest', GINA, { tabs: ['Summary', 'Repositories', 'Members', 'Robot Accounts', 'Configuration'], repositories: [], artifacts: [], members: [], robots: [], permissionRequests: 1 }],
    ['Limited Guest', LIM, { tabs: ['Summary', 'Repositories', 'Configuration'], repositories: [], artifacts: [], permissionRequests: 1 }],
    // A system admin may do everything, member or not, and the portal does not need to ask.
    ['system admin (not a member)', ROOT, { ...PROJECT_ADMIN_VIEW, permissionRequests: 0 }],
  ] as [string, Credentials, ProjectView][])('%s', async (_role, user, expected) => {
    const page = await signedInAs(user);
    expect(await projectView(page)).toEqual(expected);
    await page.context().close();
  });
});

describe('Guest', () => {
  it('reads repositories and artifacts without row selection, and the server refuses what is hidden', async () => {
    const page = await signedInAs(GINA);
    await page.goto(`/harbor/projects/${projectId}/repositories`);
    await gridRow(page, 'team/app').waitFor();
    await page.getByRole('link', { name: 'team/app', exact: true }).click();
    const row = gridRow(page, digest.slice(0, 15));
    await row.waitFor();
    // Nothing to act on, so nothing to select; the pull command is still there.
    expect(await page.locator('.grid-table input[type="checkbox"]').count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Copy pull command' }).count()).toBe(1);
    await screenshot(page, 'guest-artifacts');
    await page.locator('.breadcrumb').getByRole('link', { name: 'team', exact: true }).click();
    await gridRow(page, 'team/app').waitFor();
    await screenshot(page, 'guest-repositories');
    await page.context().close();

    const refused = [
      await as(GINA).delete(artifactPath()),
      await as(GINA).delete(repoPath()),
      await as(GINA).post(`/projects/${projectId}/members`, { role_id: 3, member_user: { username: UNA.username } }),
      await as(GINA).post('/robots', { name: 'sneaky', level: 'project', duration: -1, permissions: [{ kind: 'project', namespace: 'team', access: [{ resource: 'repository', action: 'pull' }] }] }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(refused.map((r) => (r.body as { errors: { code: string }[] }).errors[0].code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect((await stack.admin.get(artifactPath())).status).toBe(200);
  });
});

describe('Developer', () => {
  it('gets a push command that pushes, but may not delete or manage members', async () => {
    const page = await signedInAs(DEV);
    await page.goto(`/harbor/projects/${projectId}/repositories`);
    await gridRow(page, 'team/app').waitFor();
    await page.getByRole('button', { name: 'PUSH COMMAND' }).click();
    const dialog = page.getByRole('dialog', { name: 'Push Command' });
    const push = await dialog.getByRole('textbox', { name: 'Push an image to this project' }).inputValue();
    expect(push).toBe(`docker push ${stack.host}/team/REPOSITORY[:TAG]`);
    expect(await dialog.getByRole('textbox', { name: 'Tag an image for this project' }).inputValue()).toBe(`docker tag SOURCE_IMAGE[:TAG] ${stack.host}/team/REPOSITORY[:TAG]`);
    await screenshot(page, 'push-command');
    await dialog.getByRole('button', { name: 'CLOSE', exact: true }).click();
    // Filled in, the command names a place the developer really can push to.
    const [host, ...path] = push.replace(/^docker push /, '').replace('REPOSITORY[:TAG]', 'from-dev:1.0').split('/');
    await pushImage(host, path.join('/'), `${DEV.username}:${DEV.password}`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await gridRow(page, 'team/from-dev').waitFor();
    await page.context().close();

    expect((await as(DEV).delete(repoPath())).status).toBe(403);
    expect((await as(DEV).delete(artifactPath())).status).toBe(403);
    expect((await as(DEV).post(`/projects/${projectId}/members`, { role_id: 3, member_user: { username: UNA.username } })).status).toBe(403);
  });
});

describe('Limited Guest', () => {
  it('has no Members or Robot Accounts tab, is sent to the summary from their URLs, and the server refuses the lists', async () => {
    const page = await signedInAs(LIM);
    for (const tab of ['members', 'robot-account']) {
      await page.goto(`/harbor/projects/${projectId}/${tab}`);
      await page.waitForURL(`**/harbor/projects/${projectId}/summary`);
      await page.getByRole('region', { name: 'Project' }).waitFor();
      expect(await projectTabs(page)).toEqual(['Summary', 'Repositories', 'Configuration']);
    }
    await page.context().close();
    expect((await as(LIM).get(`/projects/${projectId}/members`)).status).toBe(403);
    expect((await as(LIM).get(`/robots?q=${encodeURIComponent(`Level=project,ProjectID=${projectId}`)}`)).status).toBe(403);
  });
});

describe('Project Admin', () => {
  it('adds and removes a member through the portal, and the server agrees', async () => {
    const page = await signedInAs(PAM);
    await page.goto(`/harbor/projects/${projectId}/members`);
    await gridRow(page, PAM.username).waitFor();
    await page.getByRole('button', { name: '+ USER' }).click();
    const add = page.getByRole('dialog', { name: 'New Member' });
    await add.getByLabel('Name').fill(UNA.username);
    await add.getByRole('radio', { name: 'Guest', exact: true }).check();
    await add.getByRole('button', { name: 'OK' }).click();
    await add.waitFor({ state: 'detached' });
    await gridRow(page, UNA.username).getByRole('cell', { name: 'Guest', exact: true }).waitFor();
    const names = async () => (await stack.admin.get<{ entity_name: string }[]>(`/projects/${projectId}/members`)).body.map((m) => m.entity_name);
    expect(await names()).toContain(UNA.username);
    await actOnRow(page, UNA.username, 'REMOVE');
    await page.getByRole('dialog', { name: 'Confirm removal of project members' }).getByRole('button', { name: 'DELETE' }).click();
    await gridRow(page, UNA.username).waitFor({ state: 'detached' });
    expect(await names()).not.toContain(UNA.username);
    await page.context().close();
  });

  it('still sees the server\'s refusal when demoted during the visit, and loses the actions on the next visit', async () => {
    const page = await signedInAs(PAM);
    await page.goto(`/harbor/projects/${projectId}/members`);
    await gridRow(page, PAM.username).waitFor();
    expect(await toolbarActions(page)).toEqual(PROJECT_ADMIN_VIEW.members);
    const members = (await stack.admin.get<{ id: number; entity_name: string }[]>(`/projects/${projectId}/members`)).body;
    const pam = members.find((m) => m.entity_name === PAM.username);
    expect((await stack.admin.put(`/projects/${projectId}/members/${pam?.id}`, { role_id: 3 })).status).toBe(200);

    // The page still offers + USER (asked once, before the change); the server has the last word.
    await page.getByRole('button', { name: '+ USER' }).click();
    const add = page.getByRole('dialog', { name: 'New Member' });
    await add.getByLabel('Name').fill(UNA.username);
    await add.getByRole('button', { name: 'OK' }).click();
    expect(await alertText(add, 'forbidden')).toBe('forbidden');
    await add.getByRole('button', { name: 'CANCEL' }).click();
    expect((await stack.admin.get<{ entity_name: string }[]>(`/projects/${projectId}/members`)).body.map((m) => m.entity_name)).not.toContain(UNA.username);

    // Back to the projects and in again: a new visit asks again and hides what a Guest may not do.
    await page.getByRole('link', { name: 'Projects', exact: true }).click();
    await page.getByRole('link', { name: 'team', exact: true }).click();
    await gridRow(page, 'team/app').waitFor();
    expect(await toolbarActions(page)).toEqual([]);
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await gridRow(page, PAM.username).getByRole('cell', { name: 'Guest', exact: true }).waitFor();
    expect(await toolbarActions(page)).toEqual([]);
    await page.context().close();
  });
});

describe('project creation restriction', () => {
  const restrict = async (value: string) => expect((await stack.admin.put('/configurations', { project_creation_restriction: value })).status).toBe(200);

  async function projectsToolbar(user: Credentials): Promise<string[]> {
    const page = await signedInAs(user);
    await gridRow(page, 'library').waitFor();
    const actions = await toolbarActions(page);
    await page.context().close();
    return actions;
  }

  it('offers New Project to everyone by default', async () => {
    expect(await projectsToolbar(UNA)).toContain('+ NEW PROJECT');
  });

  it('with "adminonly" hides New Project from a user, as the server refuses it, but not from admin', async () => {
    await restrict('adminonly');
    try {
      expect(await projectsToolbar(UNA)).not.toContain('+ NEW PROJECT');
      const refused = await as(UNA).post('/projects', { project_name: 'una-own', metadata: { public: 'false' } });
      expect(refused.status).toBe(403);
      expect(await projectsToolbar(ADMIN)).toContain('+ NEW PROJECT');
    } finally {
      await restrict('everyone');
    }
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
