import { actOnRow, alertText, type Browser, gridRow, launchBrowser, newPage, type Page, screenshot, scriptErrors, signIn } from '../support/browser';
import { inspectRaw, pushImage } from '../support/images';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// Projects, members and robot accounts through the portal, checked against the REST API and
// with real clients: what the page shows must be what the server holds.

let stack: PortalStack;
let browser: Browser;
let page: Page;
const ADMIN_CREDS = `${ADMIN.username}:${ADMIN.password}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  expect((await stack.admin.post('/users', { username: 'carol', email: 'carol@example.com', realname: 'Carol', password: 'Carol1234' })).status).toBe(201);
  page = await newPage(browser, stack.baseUrl);
  await signIn(page, ADMIN.username, ADMIN.password);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface ProjectBody {
  project_id: number;
  name: string;
  metadata: Record<string, string>;
}

async function projectNamed(name: string): Promise<{ status: number; body: ProjectBody }> {
  return stack.admin.get<ProjectBody>(`/projects/${name}`, { 'X-Is-Resource-Name': 'true' });
}

async function openProjects(): Promise<void> {
  await page.getByRole('link', { name: 'Projects', exact: true }).click();
  await page.waitForURL('**/harbor/projects');
  await page.locator('.grid-table tbody tr').first().waitFor();
}

function dialog(title: string) {
  return page.getByRole('dialog', { name: title });
}

describe('projects', () => {
  it('creates a project with the New Project dialog, after Harbor\'s name check', async () => {
    await openProjects();
    await page.getByRole('button', { name: '+ NEW PROJECT' }).click();
    const form = dialog('New Project');
    const ok = form.getByRole('button', { name: 'OK' });
    expect(await ok.isDisabled()).toBe(true);
    await form.getByLabel('Project Name').fill('Web Team');
    expect(await form.locator('.field-error').first().textContent()).toMatch(/lower case characters, numbers and \._-/);
    expect(await ok.isDisabled()).toBe(true);
    await form.getByLabel('Project Name').fill('web-team');
    await form.getByLabel('Public').check();
    await form.getByLabel('Storage Limit').fill('10');
    expect(await ok.isEnabled()).toBe(true);
    await screenshot(page, 'new-project-dialog');
    await ok.click();
    await form.waitFor({ state: 'detached' });
    await gridRow(page, 'web-team').waitFor();
    expect(await gridRow(page, 'web-team').locator('td').allTextContents()).toEqual(expect.arrayContaining(['web-team', 'Public', 'Project Admin', '0']));
    const created = await projectNamed('web-team');
    expect(created.status).toBe(200);
    expect(created.body.metadata.public).toBe('true');
    const summary = await stack.admin.get<{ quota: { hard: { storage: number } } }>(`/projects/${created.body.project_id}/summary`);
    expect(summary.body.quota.hard.storage).toBe(10 * 1024 ** 3);
  });

  it('shows the server\'s 409 for a duplicate name and creates nothing twice', async () => {
    await page.getByRole('button', { name: '+ NEW PROJECT' }).click();
    const form = dialog('New Project');
    await form.getByLabel('Project Name').fill('web-team');
    await form.getByRole('button', { name: 'OK' }).click();
    expect(await alertText(form, 'already exists')).toBe('The project named web-team already exists');
    await form.getByRole('button', { name: 'CANCEL' }).click();
    await form.waitFor({ state: 'detached' });
    const list = await stack.admin.get<ProjectBody[]>('/projects?q=name%3Dweb-team');
    expect(list.headers.get('x-total-count')).toBe('1');
  });

  it('filters the grid by name', async () => {
    await page.getByRole('searchbox', { name: 'Filter projects' }).fill('web');
    await page.locator('.grid-footer .range', { hasText: '1 - 1 of 1 items' }).waitFor();
    expect(await page.locator('.grid-table tbody tr').count()).toBe(1);
    // Characters no name can hold (a comma would split Harbor's q=) match nothing, without a 400.
    await page.getByRole('searchbox', { name: 'Filter projects' }).fill('web,name=library');
    await page.locator('.grid-footer .range', { hasText: 'of 0 items' }).waitFor();
    expect(await page.locator('.grid-table tbody tr td:has-text("web-team")').count()).toBe(0);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Filter projects' }).fill('');
    await page.locator('.grid-footer .range', { hasText: 'of 2 items' }).waitFor();
  });

  it('deletes an empty project after confirmation', async () => {
    expect((await stack.admin.post('/projects', { project_name: 'scratch', metadata: { public: 'false' } })).status).toBe(201);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await actOnRow(page, 'scratch', 'DELETE');
    const confirm = dialog('Confirm project deletion');
    expect(await confirm.locator('.dialog-body').textContent()).toContain('scratch');
    await confirm.getByRole('button', { name: 'DELETE' }).click();
    await confirm.waitFor({ state: 'detached' });
    await gridRow(page, 'scratch').waitFor({ state: 'detached' });
    expect((await projectNamed('scratch')).status).toBe(404);
  });

  it('refuses to delete a project with repositories, says why, and keeps its data', async () => {
    const image = await pushImage(stack.host, 'web-team/app:1.0', ADMIN_CREDS);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await gridRow(page, 'web-team').getByRole('cell', { name: '1', exact: true }).waitFor();
    await actOnRow(page, 'web-team', 'DELETE');
    const confirm = dialog('Confirm project deletion');
    await confirm.getByRole('button', { name: 'DELETE' }).click();
    expect(await alertText(confirm, 'can not be deleted')).toBe('web-team: the project contains repositories, can not be deleted');
    expect(await confirm.getByRole('button', { name: 'DELETE' }).count()).toBe(0);
    await confirm.getByRole('button', { name: 'CANCEL' }).click();
    expect((await projectNamed('web-team')).status).toBe(200);
    expect((await inspectRaw(stack.host, 'web-team/app:1.0', ADMIN_CREDS)).equals(image.manifest)).toBe(true);
    await gridRow(page, 'web-team').waitFor();
  });
});

describe('members', () => {
  it('adds a user with a role, changes the role and removes the member', async () => {
    await page.getByRole('link', { name: 'web-team', exact: true }).click();
    await page.waitForURL(/\/harbor\/projects\/\d+\/repositories$/);
    await gridRow(page, 'web-team/app').waitFor();
    await screenshot(page, 'project-repositories');
    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(/\/members$/);
    const id = (await projectNamed('web-team')).body.project_id;
    const members = async () => (await stack.admin.get<{ entity_name: string; role_id: number }[]>(`/projects/${id}/members`)).body;

    await page.getByRole('button', { name: '+ USER' }).click();
    const add = dialog('New Member');
    await add.getByLabel('Name').fill('nobody');
    await add.getByRole('button', { name: 'OK' }).click();
    expect(await alertText(add, 'not found')).toBe('user nobody not found');
    await add.getByLabel('Name').fill('carol');
    await add.getByRole('radio', { name: 'Guest', exact: true }).check();
    await add.getByRole('button', { name: 'OK' }).click();
    await add.waitFor({ state: 'detached' });
    await gridRow(page, 'carol').getByRole('cell', { name: 'Guest', exact: true }).waitFor();
    expect(await members()).toEqual(expect.arrayContaining([expect.objectContaining({ entity_name: 'carol', role_id: 3 })]));
    await screenshot(page, 'project-members');

    await actOnRow(page, 'carol', 'SET ROLE');
    const role = dialog('Set role of carol');
    await role.getByLabel('Role').selectOption({ label: 'Maintainer' });
    await role.getByRole('button', { name: 'OK' }).click();
    await gridRow(page, 'carol').getByRole('cell', { name: 'Maintainer', exact: true }).waitFor();
    expect((await members()).find((m) => m.entity_name === 'carol')?.role_id).toBe(4);

    await actOnRow(page, 'carol', 'REMOVE');
    await dialog('Confirm removal of project members').getByRole('button', { name: 'DELETE' }).click();
    await gridRow(page, 'carol').waitFor({ state: 'detached' });
    expect((await members()).map((m) => m.entity_name)).toEqual(['admin']);
  });
});

describe('robot accounts', () => {
  it('creates a robot, shows its secret once, the secret pushes and pulls, and deletion revokes it', async () => {
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Robot Accounts' }).click();
    await page.waitForURL(/\/robot-account$/);
    await page.getByRole('button', { name: '+ NEW ROBOT ACCOUNT' }).click();
    const form = dialog('New Robot Account');
    await form.getByLabel('Name').fill('ci');
    await form.getByLabel('Description').fill('pipeline');
    await form.getByLabel('Push Repository').check();
    await form.getByRole('button', { name: 'OK' }).click();
    const shown = dialog('Robot account robot$web-team+ci created');
    const secret = await shown.getByRole('textbox', { name: 'Robot secret' }).inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
    await screenshot(page, 'robot-secret');
    await shown.getByRole('button', { name: 'CLOSE', exact: true }).click();
    await gridRow(page, 'robot$web-team+ci').waitFor();
    expect(await gridRow(page, 'robot$web-team+ci').locator('td').allTextContents()).toEqual(expect.arrayContaining(['Enabled', 'pull repository, push repository', '30 days', 'pipeline']));
    await screenshot(page, 'project-robots');

    const robotCreds = `robot$web-team+ci:${secret}`;
    const image = await pushImage(stack.host, 'web-team/by-robot:1.0', robotCreds, 'pushed by a robot\n');
    expect((await inspectRaw(stack.host, 'web-team/by-robot:1.0', robotCreds)).equals(image.manifest)).toBe(true);

    await actOnRow(page, 'robot$web-team+ci', 'DELETE');
    await dialog('Confirm robot account deletion').getByRole('button', { name: 'DELETE' }).click();
    await gridRow(page, 'robot$web-team+ci').waitFor({ state: 'detached' });
    const id = (await projectNamed('web-team')).body.project_id;
    const left = await stack.admin.get<unknown[]>(`/robots?q=${encodeURIComponent(`Level=project,ProjectID=${id}`)}`);
    expect(left.body).toEqual([]);
    // web-team is public, so a dead robot still reads it as anonymous (as in Harbor); pushing is what it lost.
    await expect(pushImage(stack.host, 'web-team/by-robot:2.0', robotCreds)).rejects.toThrow(/unauthorized|authentication required|denied/i);
  });
});

// Last, because the extra projects push web-team onto a second page.
describe('paging', () => {
  it('pages through the projects with the total the server counts', async () => {
    for (let i = 1; i <= 15; i++) {
      expect((await stack.admin.post('/projects', { project_name: `page-${String(i).padStart(2, '0')}`, metadata: { public: 'false' } })).status).toBe(201);
    }
    const total = Number((await stack.admin.get('/projects?page_size=1')).headers.get('x-total-count'));
    expect(total).toBe(17); // library, web-team and the 15 above
    await openProjects();
    await page.locator('.grid-footer .range', { hasText: `1 - 15 of ${total} items` }).waitFor();
    expect(await page.locator('.grid-table tbody tr').count()).toBe(15);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('.grid-footer .range', { hasText: `16 - ${total} of ${total} items` }).waitFor();
    expect(await page.locator('.grid-table tbody tr').count()).toBe(total - 15);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await gridRow(page, 'web-team').waitFor();
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
