import type { Credentials } from '../../../core/test/support/api-client';
import { formatSize } from '../../web/src/ui/format';
import { type Browser, gridRow, launchBrowser, type Locator, type Page, projectTabs, screenshot, scriptErrors, signedInPage } from '../support/browser';
import { pushImage } from '../support/images';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// The project's Summary, Configuration and Logs tabs in a real browser against the real stack:
// what they show is what the REST API holds, changes land on the server, and a Guest gets no
// means to change what its role may not.

let stack: PortalStack;
let browser: Browser;
let projectId: number;
let openId: number;

const GINA = { username: 'gina', password: 'Gina1234pw' };
const MAX = { username: 'max', password: 'Max12345pw' };
const GiB = 1024 ** 3;

interface Summary {
  repo_count: number;
  project_admin_count: number;
  guest_count: number;
  quota: { hard: { storage: number }; used: { storage: number } };
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  for (const user of [GINA, MAX]) {
    expect((await stack.admin.post('/users', { ...user, email: `${user.username}@example.com`, realname: user.username })).status).toBe(201);
  }
  expect((await stack.admin.post('/projects', { project_name: 'summit', metadata: { public: 'false' }, storage_limit: 10 * GiB })).status).toBe(201);
  expect((await stack.admin.post('/projects', { project_name: 'open-range', metadata: { public: 'false' }, storage_limit: -1 })).status).toBe(201);
  projectId = (await stack.admin.get<{ project_id: number }>('/projects/summit', { 'X-Is-Resource-Name': 'true' })).body.project_id;
  openId = (await stack.admin.get<{ project_id: number }>('/projects/open-range', { 'X-Is-Resource-Name': 'true' })).body.project_id;
  expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: 3, member_user: { username: GINA.username } })).status).toBe(201);
  expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: 4, member_user: { username: MAX.username } })).status).toBe(201);
  await pushImage(stack.host, 'summit/app:1.0', `${ADMIN.username}:${ADMIN.password}`);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const signedInAs = (user: Credentials): Promise<Page> => signedInPage(browser, stack.baseUrl, user);

/** A summary card's label → value pairs. */
async function facts(card: Locator): Promise<Record<string, string>> {
  await card.waitFor();
  const rows = await card.locator('.fact').evaluateAll((els) => els.map((el) => [el.children[0].textContent ?? '', el.children[1].textContent ?? '']));
  return Object.fromEntries(rows);
}

const summaryOf = async (id: number) => (await stack.admin.get<Summary>(`/projects/${id}/summary`)).body;
const isPublic = async () => (await stack.admin.get<{ metadata: Record<string, string> }>(`/projects/${projectId}`)).body.metadata.public;

describe('Summary', () => {
  it('is where a project opens, with access level, repositories, members by role and the storage used of its limit', async () => {
    const page = await signedInAs(ADMIN);
    await page.goto(`/harbor/projects/${projectId}`);
    await page.waitForURL(`**/harbor/projects/${projectId}/summary`);
    await page.getByRole('region', { name: 'Project' }).waitFor();
    expect(await projectTabs(page)).toEqual(['Summary', 'Repositories', 'Members', 'Policy', 'Robot Accounts', 'Webhooks', 'Logs', 'Configuration']);
    const summary = await summaryOf(projectId);
    expect(summary).toMatchObject({ repo_count: 1, project_admin_count: 1, guest_count: 1, quota: { hard: { storage: 10 * GiB } } });
    expect(summary.quota.used.storage).toBeGreaterThan(0);

    expect(await facts(page.getByRole('region', { name: 'Project' }))).toEqual({ 'Access Level': 'Private', Repositories: '1' });
    expect(await facts(page.getByRole('region', { name: 'Members' }))).toEqual({ 'Project Admin': '1', Maintainer: '1', Developer: '0', Guest: '1', 'Limited Guest': '0' });
    const quota = page.getByRole('region', { name: 'Quota' });
    expect(await facts(quota)).toEqual({ Storage: `${formatSize(summary.quota.used.storage)} of 10.00GiB` });
    const percent = Math.round((summary.quota.used.storage / (10 * GiB)) * 100);
    expect(await quota.getByRole('progressbar', { name: 'Storage used' }).getAttribute('aria-valuenow')).toBe(String(percent));
    await screenshot(page, 'project-summary');

    // A project without a limit says so.
    await page.goto(`/harbor/projects/${openId}/summary`);
    expect((await facts(page.getByRole('region', { name: 'Quota' }))).Storage).toBe('0B of unlimited');
    expect((await summaryOf(openId)).quota.hard.storage).toBe(-1);
    await page.context().close();
  });
});

describe('Configuration', () => {
  it('makes the project public and private again, saved on the server with a message', async () => {
    const page = await signedInAs(ADMIN);
    await page.goto(`/harbor/projects/${projectId}/configs`);
    const form = page.getByRole('form', { name: 'Project configuration' });
    const box = form.getByRole('checkbox', { name: 'Public' });
    const save = form.getByRole('button', { name: 'SAVE' });
    expect(await box.isChecked()).toBe(false);
    expect(await save.isDisabled()).toBe(true); // nothing changed yet
    await box.check();
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Configuration has been successfully saved.' }).waitFor();
    expect(await isPublic()).toBe('true');
    expect(await page.locator('.project-header .badge').textContent()).toBe('Public');
    expect(await save.isDisabled()).toBe(true);
    await screenshot(page, 'project-configuration');

    // Anyone can now read it: an anonymous caller finds it among the public projects.
    const anonymous = await stack.admin.as(undefined).get<{ name: string }[]>('/projects?public=true');
    expect(anonymous.body.map((p) => p.name)).toContain('summit');

    await box.uncheck();
    await save.click();
    await page.locator('.project-header .badge', { hasText: 'Private' }).waitFor();
    expect(await isPublic()).toBe('false');
    await page.context().close();
  });
});

describe('Logs', () => {
  it('pages through the project\'s audit log and filters it by operation and username, as the server counts', async () => {
    // Each update writes an audit row: enough for a second page.
    for (let i = 0; i < 16; i++) expect((await stack.admin.put(`/projects/${projectId}`, { metadata: { auto_scan: String(i % 2 === 0) } })).status).toBe(200);
    const totalOf = async (q = '') => Number((await stack.admin.get(`/projects/summit/logs?page_size=1${q ? `&q=${encodeURIComponent(q)}` : ''}`)).headers.get('x-total-count'));
    const total = await totalOf();
    const creates = await totalOf('operation=create');
    expect(total).toBeGreaterThan(17);
    expect(creates).toBeGreaterThan(0);

    const page = await signedInAs(ADMIN);
    await page.goto(`/harbor/projects/${projectId}/logs`);
    await page.locator('.grid-footer .range', { hasText: `1 - 15 of ${total} items` }).waitFor();
    expect(await page.locator('.grid-table tbody tr').count()).toBe(15);
    await screenshot(page, 'project-logs');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('.grid-footer .range', { hasText: `16 - ${total} of ${total} items` }).waitFor();

    await page.getByRole('combobox', { name: 'Operation' }).selectOption({ label: 'Create' });
    await page.locator('.grid-footer .range', { hasText: `of ${creates} items` }).waitFor();
    const operations = await page.locator('.grid-table tbody tr td:nth-child(4)').allTextContents();
    expect(operations.length).toBe(Math.min(creates, 15));
    expect(new Set(operations)).toEqual(new Set(['create']));
    // The push of summit/app:1.0 is among them.
    expect(await gridRow(page, 'summit/app:1.0').count()).toBe(1);

    await page.getByRole('searchbox', { name: 'Filter by username' }).fill('nobody');
    await page.locator('.grid-footer .range', { hasText: 'of 0 items' }).waitFor();
    expect(await totalOf('operation=create,username=~nobody')).toBe(0);
    await page.context().close();
  });
});

describe('Guest', () => {
  it('reads the summary and the configuration without controls, has no Logs, and the server refuses the change', async () => {
    const page = await signedInAs(GINA);
    await page.goto(`/harbor/projects/${projectId}`);
    await page.waitForURL(`**/harbor/projects/${projectId}/summary`);
    await page.getByRole('region', { name: 'Project' }).waitFor();
    expect(await projectTabs(page)).toEqual(['Summary', 'Repositories', 'Members', 'Robot Accounts', 'Configuration']);
    expect((await facts(page.getByRole('region', { name: 'Members' })))['Guest']).toBe('1');
    await page.getByRole('region', { name: 'Quota' }).waitFor();

    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Configuration', exact: true }).click();
    const form = page.getByRole('form', { name: 'Project configuration' });
    expect(await form.getByRole('checkbox', { name: 'Public' }).isDisabled()).toBe(true);
    expect(await form.getByRole('button').count()).toBe(0);
    await screenshot(page, 'guest-configuration');

    // The hidden tabs' URLs land on the summary.
    for (const tab of ['logs', 'webhook', 'tag-strategy']) {
      await page.goto(`/harbor/projects/${projectId}/${tab}`);
      await page.waitForURL(`**/harbor/projects/${projectId}/summary`);
    }
    await page.context().close();

    const refused = await stack.admin.as(GINA).put(`/projects/${projectId}`, { metadata: { public: 'true' } });
    expect(refused.status).toBe(403);
    expect((await stack.admin.as(GINA).get('/projects/summit/logs')).status).toBe(403);
    expect(await isPublic()).toBe('false');
  });

  it('a Maintainer sees the configuration read-only too (updating the project is the admin\'s)', async () => {
    const page = await signedInAs(MAX);
    await page.goto(`/harbor/projects/${projectId}/configs`);
    const form = page.getByRole('form', { name: 'Project configuration' });
    expect(await form.getByRole('checkbox', { name: 'Public' }).isDisabled()).toBe(true);
    expect(await form.getByRole('button').count()).toBe(0);
    await page.context().close();
    expect((await stack.admin.as(MAX).put(`/projects/${projectId}`, { metadata: { public: 'true' } })).status).toBe(403);
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
