import { actOnRow, alertText, type Browser, gridRow, launchBrowser, newPage, type Page, screenshot, scriptErrors, signIn } from '../support/browser';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// Administration > Robot Accounts, Labels, Configuration and Logs in a real browser against
// the real stack: what each page shows, what the server holds afterwards, and that only
// system admins see or open them.

let stack: PortalStack;
let browser: Browser;
const CAROL = { username: 'carol', password: 'Carol12345' };
const ADMIN_PAGES = ['/harbor/robot-accounts', '/harbor/labels', '/harbor/clearing-job/gc', '/harbor/clearing-job/audit-log-purge', '/harbor/configs', '/harbor/logs'];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  expect((await stack.admin.post('/users', { username: CAROL.username, email: 'carol@example.com', realname: 'Carol Kane', password: CAROL.password })).status).toBe(201);
  expect((await stack.admin.post('/projects', { project_name: 'alpha', metadata: { public: 'false' } })).status).toBe(201);
  expect((await stack.admin.post('/projects', { project_name: 'beta', metadata: { public: 'false' } })).status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function adminPage(path: string): Promise<Page> {
  const page = await newPage(browser, stack.baseUrl);
  await page.goto(path);
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.waitForURL(`**${path}`);
  return page;
}

/** Core locks a name for 1.5 s after a failed login (Harbor's brake on guessing). */
const LOGIN_LOCK_MS = 1_600;

/**
 * Status of an API call as the robot, with its name and secret as Basic credentials. After a
 * refusal it waits out the lock, so the next attempt is judged on its credentials.
 */
async function robotStatus(name: string, secret: string): Promise<number> {
  const { status } = await stack.admin.as({ username: name, password: secret }).get('/projects');
  if (status === 401) await new Promise((resolve) => setTimeout(resolve, LOGIN_LOCK_MS));
  return status;
}

interface RobotView {
  id: number;
  name: string;
  disable: boolean;
  permissions: { kind: string; namespace: string; access: { resource: string; action: string }[] }[];
}

describe('Robot Accounts', () => {
  it('creates a system robot for chosen projects, shows the secret once, disables, refreshes and deletes it', async () => {
    const page = await adminPage('/harbor/robot-accounts');
    await page.getByRole('button', { name: '+ NEW ROBOT ACCOUNT' }).click();
    const form = page.getByRole('dialog', { name: 'New Robot Account' });
    await form.getByLabel('Name', { exact: true }).fill('ci-bot');
    await form.getByLabel('Description').fill('builds');
    await form.getByRole('checkbox', { name: 'alpha' }).check();
    await form.getByRole('checkbox', { name: 'beta' }).check();
    await form.getByRole('checkbox', { name: 'Push Repository' }).check();
    await screenshot(page, 'admin-robot-new');
    await form.getByRole('button', { name: 'OK' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Robot account robot$ci-bot created' });
    const secret = await secretDialog.getByLabel('Robot secret').inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
    await secretDialog.getByRole('button', { name: 'CLOSE', exact: true }).click();

    const row = gridRow(page, 'robot$ci-bot');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['robot$ci-bot', 'Enabled', 'alpha, beta', 'pull repository, push repository', 'builds']));
    await screenshot(page, 'admin-robots');
    const listed = (await stack.admin.get<RobotView[]>('/robots?q=name%3Dci-bot')).body;
    expect(listed).toHaveLength(1);
    expect(listed[0].permissions.map((p) => [p.kind, p.namespace, p.access.map((a) => a.action).sort()])).toEqual([['project', 'alpha', ['pull', 'push']], ['project', 'beta', ['pull', 'push']]]);
    expect(await robotStatus('robot$ci-bot', secret)).toBe(200);

    await actOnRow(page, 'robot$ci-bot', 'DISABLE');
    await row.getByRole('cell', { name: 'Disabled', exact: true }).waitFor();
    expect((await stack.admin.get<RobotView>(`/robots/${listed[0].id}`)).body.disable).toBe(true);
    expect(await robotStatus('robot$ci-bot', secret)).toBe(401);
    await actOnRow(page, 'robot$ci-bot', 'ENABLE');
    await row.getByRole('cell', { name: 'Enabled', exact: true }).waitFor();
    expect((await stack.admin.get<RobotView>(`/robots/${listed[0].id}`)).body.disable).toBe(false);

    await actOnRow(page, 'robot$ci-bot', 'REFRESH SECRET');
    await page.getByRole('dialog', { name: 'Refresh secret' }).getByRole('button', { name: 'REFRESH' }).click();
    const refreshed = page.getByRole('dialog', { name: 'Secret of robot$ci-bot refreshed' });
    const newSecret = await refreshed.getByLabel('Robot secret').inputValue();
    expect(newSecret).not.toBe(secret);
    await refreshed.getByRole('button', { name: 'CLOSE', exact: true }).click();
    expect(await robotStatus('robot$ci-bot', secret)).toBe(401);
    expect(await robotStatus('robot$ci-bot', newSecret)).toBe(200);

    await actOnRow(page, 'robot$ci-bot', 'DELETE');
    await page.getByRole('dialog', { name: 'Confirm robot account deletion' }).getByRole('button', { name: 'DELETE' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await stack.admin.get(`/robots/${listed[0].id}`)).status).toBe(404);
    await page.context().close();
  });

  it('creates a robot covering all projects, and shows the server refusing a duplicate name', async () => {
    const page = await adminPage('/harbor/robot-accounts');
    for (const attempt of [1, 2]) {
      await page.getByRole('button', { name: '+ NEW ROBOT ACCOUNT' }).click();
      const form = page.getByRole('dialog', { name: 'New Robot Account' });
      await form.getByLabel('Name', { exact: true }).fill('everywhere');
      await form.getByRole('checkbox', { name: 'Cover all projects' }).check();
      expect(await form.getByRole('checkbox', { name: 'alpha' }).isDisabled()).toBe(true);
      await form.getByRole('button', { name: 'OK' }).click();
      if (attempt === 1) {
        await page.getByRole('dialog', { name: 'Robot account robot$everywhere created' }).getByRole('button', { name: 'CLOSE', exact: true }).click();
        continue;
      }
      expect(await alertText(form, 'already exists')).toBe('robot account robot$everywhere already exists');
      await form.getByRole('button', { name: 'CANCEL' }).click();
    }
    await gridRow(page, 'robot$everywhere').getByRole('cell', { name: 'All projects', exact: true }).waitFor();
    const listed = (await stack.admin.get<RobotView[]>('/robots?q=name%3Deverywhere')).body;
    expect(listed.map((r) => r.permissions.map((p) => p.namespace))).toEqual([['*']]);
    await page.context().close();
  });
});

/** The browser's getComputedStyle, which this (DOM-less) test project has no types for. */
interface StyleReader {
  getComputedStyle(el: unknown): { backgroundColor: string };
}

interface LabelView {
  id: number;
  name: string;
  color: string;
  description?: string;
}

describe('Labels', () => {
  it('creates, edits and deletes a global label; a duplicate name shows the server\'s message', async () => {
    const page = await adminPage('/harbor/labels');
    await page.getByRole('button', { name: '+ NEW LABEL' }).click();
    let form = page.getByRole('dialog', { name: 'New Label' });
    await form.getByLabel('Label Name').fill('stable');
    await form.getByLabel('Color').fill('#2f8400');
    await form.getByLabel('Description').fill('released builds');
    await screenshot(page, 'admin-label-new');
    await form.getByRole('button', { name: 'OK' }).click();
    await form.waitFor({ state: 'detached' });
    await gridRow(page, 'stable').waitFor();
    let stored = (await stack.admin.get<LabelView[]>('/labels?scope=g&name=stable')).body;
    expect(stored).toEqual([expect.objectContaining({ name: 'stable', color: '#2f8400', description: 'released builds' })]);
    expect(await gridRow(page, 'stable').locator('.label-chip').evaluate((el) => (globalThis as unknown as StyleReader).getComputedStyle(el).backgroundColor)).toBe('rgb(47, 132, 0)');

    await page.getByRole('button', { name: '+ NEW LABEL' }).click();
    form = page.getByRole('dialog', { name: 'New Label' });
    await form.getByLabel('Label Name').fill('stable');
    await form.getByRole('button', { name: 'OK' }).click();
    expect(await alertText(form, 'already exists')).toBe('label stable already exists');
    await form.getByRole('button', { name: 'CANCEL' }).click();

    await actOnRow(page, 'stable', 'EDIT');
    form = page.getByRole('dialog', { name: 'Edit Label' });
    expect(await form.getByLabel('Label Name').inputValue()).toBe('stable');
    await form.getByLabel('Label Name').fill('production');
    await form.getByLabel('Color').fill('#c21d00');
    await form.getByRole('button', { name: 'OK' }).click();
    await gridRow(page, 'production').waitFor();
    await screenshot(page, 'admin-labels');
    stored = (await stack.admin.get<LabelView[]>('/labels?scope=g')).body;
    expect(stored.map((l) => [l.name, l.color, l.description])).toEqual([['production', '#c21d00', 'released builds']]);

    await actOnRow(page, 'production', 'DELETE');
    await page.getByRole('dialog', { name: 'Confirm label deletion' }).getByRole('button', { name: 'DELETE' }).click();
    await page.getByRole('cell', { name: 'We could not find any labels!' }).waitFor();
    expect((await stack.admin.get(`/labels/${stored[0].id}`)).status).toBe(404);
    await page.context().close();
  });
});

describe('Configuration', () => {
  it('shows the settings, saves a change, and shows the server refusing a bad value', async () => {
    const page = await adminPage('/harbor/configs');
    const auth = page.getByRole('region', { name: 'Authentication' });
    expect(await auth.getByLabel('Auth Mode').isDisabled()).toBe(true);
    expect(await auth.getByLabel('Auth Mode').inputValue()).toBe('db_auth');
    const system = page.getByRole('region', { name: 'System Settings' });
    expect(await system.getByLabel('Robot Name Prefix').inputValue()).toBe('robot$');
    expect(await system.getByLabel('Robot Name Prefix').isDisabled()).toBe(true);
    expect(await system.getByLabel('Robot Token Expiration (Days)').inputValue()).toBe('30');
    await screenshot(page, 'admin-configs');

    await system.getByLabel('Project Creation').selectOption('adminonly');
    await system.getByLabel('Robot Token Expiration (Days)').fill('45');
    await system.getByLabel('Webhooks').uncheck();
    await page.getByRole('button', { name: 'SAVE' }).click();
    await page.getByRole('status').filter({ hasText: 'Configuration has been successfully saved.' }).waitFor();
    type Config = Record<string, { value: unknown }>;
    const saved = (await stack.admin.get<Config>('/configurations')).body;
    expect([saved.project_creation_restriction.value, saved.robot_token_duration.value, saved.notification_enable.value]).toEqual(['adminonly', 45, false]);

    await system.getByLabel('Audit Log Forward Endpoint').fill('no port here');
    await page.getByRole('button', { name: 'SAVE' }).click();
    const refusal = await alertText(page, 'audit_log_forward_endpoint');
    const server = await stack.admin.put<{ errors: { message: string }[] }>('/configurations', { audit_log_forward_endpoint: 'no port here' });
    expect(server.status).toBe(400);
    expect(refusal).toContain(server.body.errors[0].message);
    expect((await stack.admin.get<Config>('/configurations')).body.audit_log_forward_endpoint.value).toBe('');

    // Back to the defaults, so the other tests create projects as before.
    expect((await stack.admin.put('/configurations', { project_creation_restriction: 'everyone', robot_token_duration: 30, notification_enable: true })).status).toBe(200);
    await page.context().close();
  });
});

describe('Logs', () => {
  it('lists the audit log across projects, newest first, pages and filters by user', async () => {
    for (let i = 0; i < 16; i++) expect((await stack.admin.post('/projects', { project_name: `logged-${i}`, metadata: { public: 'false' } })).status).toBe(201);
    const page = await adminPage('/harbor/logs');
    const api = await stack.admin.get<{ resource: string; operation: string; username: string }[]>('/audit-logs?page=1&page_size=15');
    const total = Number(api.headers.get('x-total-count'));
    expect(total).toBeGreaterThan(15);
    await page.getByText(`1 - 15 of ${total} items`).waitFor();
    // Newest first, as the server orders them: the sign-in above, then the projects made last.
    expect(await page.locator('.grid-table tbody tr td:nth-child(2)').allTextContents()).toEqual(api.body.map((l) => l.resource));
    expect(await page.locator('.grid-table tbody tr td:nth-child(4)').allTextContents()).toEqual(api.body.map((l) => l.operation));
    expect(api.body.map((l) => l.resource)).toContain('logged-15');
    await screenshot(page, 'admin-logs');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(`16 - ${Math.min(30, total)} of ${total} items`).waitFor();

    // The filter goes to the server: carol (who has done nothing) has no rows, admin all of them.
    await page.getByRole('searchbox', { name: 'Filter by username' }).fill('carol');
    await page.getByRole('cell', { name: 'We could not find any logs!' }).waitFor();
    expect((await stack.admin.get(`/audit-logs?q=${encodeURIComponent('username=~carol')}`)).headers.get('x-total-count')).toBe('0');
    await page.getByRole('searchbox', { name: 'Filter by username' }).fill('admin');
    const byAdmin = (await stack.admin.get(`/audit-logs?q=${encodeURIComponent('username=~admin')}`)).headers.get('x-total-count');
    await page.getByText(`1 - 15 of ${byAdmin} items`).waitFor();
    expect(new Set(await page.locator('.grid-table tbody tr td:first-child').allTextContents())).toEqual(new Set(['admin']));
    await page.context().close();
  });
});

describe('who sees administration', () => {
  it('shows an admin every administration page in the navigation', async () => {
    const page = await adminPage('/harbor/projects');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents())
      .toEqual(['Projects', 'Logs', 'Users', 'Robot Accounts', 'Labels', 'Clean Up', 'Configuration']);
    await page.getByRole('link', { name: 'Clean Up' }).click();
    await page.waitForURL('**/harbor/clearing-job/gc');
    expect(await page.locator('.nav-link.active').textContent()).toBe('Clean Up');
    await page.context().close();
  });

  it('hides the pages from a user who is not an admin and sends a direct visit to the projects', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await signIn(page, CAROL.username, CAROL.password);
    await page.waitForURL('**/harbor/projects');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).toEqual(['Projects']);
    for (const path of ADMIN_PAGES) {
      await page.goto(path);
      await page.waitForURL('**/harbor/projects');
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
    }
    const carol = stack.admin.as(CAROL);
    for (const path of ['/configurations', '/system/gc', '/system/purgeaudit']) expect((await carol.get(path)).status).toBe(403);
    expect((await carol.post('/labels', { name: 'sneaky', scope: 'g' })).status).toBe(403);
    await page.context().close();
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
