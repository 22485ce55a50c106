import { Pool } from 'pg';
import pino from 'pino';
import type { Credentials } from '../../../core/test/support/api-client';
import { startTestJobService, type TestJobService } from '../../../core/test/support/test-jobservice';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { createRetentionHandler } from '../../../jobservice/src/jobs/retention';
import { alertText, type Browser, launchBrowser, type Page, projectTabs, screenshot, scriptErrors, toolbarActions, signedInPage } from '../support/browser';
import { pushImage } from '../support/images';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// The project's Policy tab in a real browser against the real stack: immutability rules that
// the registry then enforces on pushes, and a retention policy whose runs go through a real
// jobservice running the real RETENTION handler.

let stack: PortalStack;
let jobs: TestJobService;
let pool: Pool;
let browser: Browser;
let page: Page;
let projectId: number;
const ADMIN_CREDS = `${ADMIN.username}:${ADMIN.password}`;
const DEV = { username: 'dev', password: 'Dev12345pw' };
const GINA = { username: 'gina', password: 'Gina1234pw' };

interface Rule {
  id: number;
  disabled: boolean;
  tag_selectors: { decoration: string; pattern: string }[];
  scope_selectors: { repository: { decoration: string; pattern: string }[] };
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  pool = new Pool({ host: '127.0.0.1', port: 5432, user: 'postgres', database: stack.database.name, max: 4 });
  jobs = await startTestJobService(stack, { handlers: new HandlerRegistry().register('RETENTION', createRetentionHandler({ db: pool, log: pino({ level: 'silent' }) }), { attempts: 1 }) });
  for (const user of [DEV, GINA]) {
    expect((await stack.admin.post('/users', { ...user, email: `${user.username}@example.com`, realname: user.username })).status).toBe(201);
  }
  expect((await stack.admin.post('/projects', { project_name: 'keep', metadata: { public: 'false' } })).status).toBe(201);
  projectId = (await stack.admin.get<{ project_id: number }>('/projects/keep', { 'X-Is-Resource-Name': 'true' })).body.project_id;
  expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: 2, member_user: { username: DEV.username } })).status).toBe(201);
  expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: 3, member_user: { username: GINA.username } })).status).toBe(201);
  // Three artifacts pushed one after the other: retention's "most recently pushed" has an order.
  for (const tag of ['1.0', '1.1', '1.2']) await pushImage(stack.host, `keep/app:${tag}`, ADMIN_CREDS, `app ${tag}\n`);
  page = await signedInAs(ADMIN);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await jobs?.stop();
  await pool?.end();
  await stack?.stop();
});

const signedInAs = (user: Credentials): Promise<Page> => signedInPage(browser, stack.baseUrl, user);

const section = (name: string) => page.getByRole('region', { name });
const rules = async () => (await stack.admin.get<Rule[]>(`/projects/${projectId}/immutabletagrules`)).body;
const artifactTags = async () => (await stack.admin.get<{ tags?: { name: string }[] }[]>('/projects/keep/repositories/app/artifacts?with_tag=true')).body.flatMap((a) => (a.tags ?? []).map((t) => t.name)).sort();

describe('Tag Immutability', () => {
  it('adds a rule the registry then enforces, disables and enables it, and deletes it', async () => {
    await page.goto(`/harbor/projects/${projectId}/tag-strategy`);
    const immutability = section('Tag Immutability');
    await immutability.getByText('No immutability rules').waitFor();
    await immutability.getByRole('button', { name: '+ ADD RULE' }).click();
    const add = page.getByRole('dialog', { name: 'Add Tag Immutability Rule' });
    await add.getByLabel('Tag pattern').fill('1.0');
    await add.getByRole('button', { name: 'OK' }).click();
    await add.waitFor({ state: 'detached' });
    const row = immutability.locator('.grid-table tbody tr').filter({ hasText: 'matching 1.0' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['', 'matching **', 'matching 1.0', 'Enabled']);
    const [rule] = await rules();
    expect(rule).toMatchObject({ disabled: false, tag_selectors: [{ decoration: 'matches', pattern: '1.0' }], scope_selectors: { repository: [{ decoration: 'repoMatches', pattern: '**' }] } });
    await screenshot(page, 'project-policy');

    // The rule is live: the registry refuses to push 1.0 again.
    await expect(pushImage(stack.host, 'keep/app:1.0', ADMIN_CREDS, 'overwrite\n')).rejects.toThrow(/configured as immutable/);
    await row.getByRole('checkbox').check();
    await immutability.getByRole('button', { name: 'DISABLE', exact: true }).click();
    await row.getByRole('cell', { name: 'Disabled', exact: true }).waitFor();
    expect((await rules())[0].disabled).toBe(true);
    await row.getByRole('checkbox').check();
    await immutability.getByRole('button', { name: 'ENABLE', exact: true }).click();
    await row.getByRole('cell', { name: 'Enabled', exact: true }).waitFor();
    expect((await rules())[0].disabled).toBe(false);
  });

  it('shows the server\'s refusal of a malformed pattern and of a duplicate rule, and creates nothing', async () => {
    const immutability = section('Tag Immutability');
    await immutability.getByRole('button', { name: '+ ADD RULE' }).click();
    const add = page.getByRole('dialog', { name: 'Add Tag Immutability Rule' });
    await add.getByLabel('Tag pattern').fill('v[1-');
    await add.getByRole('button', { name: 'OK' }).click();
    expect(await alertText(add, 'invalid')).toBe('invalid tag selector: invalid selector pattern "v[1-": a character class is not closed');
    await add.getByLabel('Tag pattern').fill('1.0');
    await add.getByRole('button', { name: 'OK' }).click();
    expect(await alertText(add, 'already exists')).toBe('an immutable tag rule with the same selectors already exists in project keep');
    await add.getByRole('button', { name: 'CANCEL' }).click();
    expect(await rules()).toHaveLength(1);
  });

  it('deletes the rule after confirmation', async () => {
    const immutability = section('Tag Immutability');
    await immutability.locator('.grid-table tbody tr').filter({ hasText: 'matching 1.0' }).getByRole('checkbox').check();
    await immutability.getByRole('button', { name: 'DELETE', exact: true }).click();
    await page.getByRole('dialog', { name: 'Confirm immutability rule deletion' }).getByRole('button', { name: 'DELETE' }).click();
    await immutability.getByText('No immutability rules').waitFor();
    expect(await rules()).toEqual([]);
  });
});

describe('Tag Retention', () => {
  interface Execution { id: number; status: string; dry_run: boolean }
  const policyId = async () => Number((await stack.admin.get<{ metadata: Record<string, string> }>(`/projects/${projectId}`)).body.metadata.retention_id);
  const executions = async () => (await stack.admin.get<Execution[]>(`/retentions/${await policyId()}/executions`)).body;

  /** Refreshes the history until the newest execution has finished; returns its row's cells. */
  async function finishedRun(): Promise<string[]> {
    const history = section('Tag Retention').locator('.datagrid').nth(1);
    for (let i = 0; i < 60; i++) {
      const cells = await history.locator('.grid-table tbody tr').first().locator('td').allTextContents();
      if (['Success', 'Error', 'Stopped'].includes(cells[1])) return cells;
      await page.waitForTimeout(250);
      await history.getByRole('button', { name: 'Refresh' }).click();
    }
    throw new Error('the retention run did not finish');
  }

  it('adds a rule, creating the project\'s policy on the server', async () => {
    const retention = section('Tag Retention');
    await retention.getByText('No retention rules').waitFor();
    await retention.getByRole('button', { name: '+ ADD RULE' }).click();
    const add = page.getByRole('dialog', { name: 'Add Tag Retention Rule' });
    await add.getByLabel('Retain').selectOption({ label: 'the most recently pushed # artifacts' });
    await add.getByLabel('Count').fill('1');
    await add.getByLabel('Untagged artifacts').uncheck();
    await add.getByRole('button', { name: 'OK' }).click();
    await add.waitFor({ state: 'detached' });
    const row = retention.locator('.grid-table tbody tr').filter({ hasText: 'the most recently pushed 1 artifacts' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['', 'matching **', 'the most recently pushed 1 artifacts', 'matching **', 'Enabled']);
    const policy = (await stack.admin.get<{ rules: unknown[]; scope: unknown }>(`/retentions/${await policyId()}`)).body;
    expect(policy.scope).toEqual({ level: 'project', ref: projectId });
    expect(policy.rules).toEqual([expect.objectContaining({
      action: 'retain', template: 'latestPushedK', params: { latestPushedK: 1 }, disabled: false,
      tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }],
      scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] },
    })]);
  });

  it('dry runs without deleting, then runs for real and keeps only the newest artifact', async () => {
    const retention = section('Tag Retention');
    await retention.getByRole('button', { name: 'DRY RUN' }).click();
    expect(await finishedRun()).toEqual([expect.any(String), 'Success', 'YES', 'MANUAL', expect.any(String), expect.any(String)]);
    expect(await artifactTags()).toEqual(['1.0', '1.1', '1.2']);
    await screenshot(page, 'project-retention-dry-run');

    await retention.getByRole('button', { name: 'RUN NOW' }).click();
    await page.getByRole('dialog', { name: 'Run tag retention' }).getByRole('button', { name: 'RUN' }).click();
    await retention.locator('.datagrid').nth(1).locator('.grid-footer .range', { hasText: 'of 2 items' }).waitFor();
    expect(await finishedRun()).toEqual([expect.any(String), 'Success', 'NO', 'MANUAL', expect.any(String), expect.any(String)]);
    expect(await artifactTags()).toEqual(['1.2']);
    const runs = await executions();
    expect(runs.map((e) => [e.status, e.dry_run])).toEqual([['Success', false], ['Success', true]]);
    await screenshot(page, 'project-retention');
  });

  it('disables and deletes the rule, leaving the policy without rules', async () => {
    const retention = section('Tag Retention');
    await actOnRowIn(retention, 'DISABLE');
    await retention.getByRole('cell', { name: 'Disabled', exact: true }).waitFor();
    expect((await stack.admin.get<{ rules: { disabled: boolean }[] }>(`/retentions/${await policyId()}`)).body.rules[0].disabled).toBe(true);
    await actOnRowIn(retention, 'DELETE');
    await page.getByRole('dialog', { name: 'Confirm retention rule deletion' }).getByRole('button', { name: 'DELETE' }).click();
    await retention.getByText('No retention rules').waitFor();
    expect((await stack.admin.get<{ rules: unknown[] }>(`/retentions/${await policyId()}`)).body.rules).toEqual([]);
  });
});

async function actOnRowIn(scope: ReturnType<typeof section>, action: string): Promise<void> {
  await scope.locator('.datagrid').first().locator('.grid-table tbody tr').first().getByRole('checkbox').check();
  await scope.getByRole('button', { name: action, exact: true }).click();
}

describe('roles', () => {
  it('a Developer gets Tag Retention only (its role has no immutability), and the server agrees', async () => {
    const dev = await signedInAs(DEV);
    await dev.goto(`/harbor/projects/${projectId}/tag-strategy`);
    await dev.getByRole('region', { name: 'Tag Retention' }).getByText('No retention rules').waitFor();
    expect(await dev.getByRole('region', { name: 'Tag Immutability' }).count()).toBe(0);
    expect(await toolbarActions(dev)).toEqual(['+ ADD RULE', 'ENABLE', 'DISABLE', 'DELETE', 'DRY RUN', 'RUN NOW']);
    await dev.context().close();
    expect((await stack.admin.as(DEV).get(`/projects/${projectId}/immutabletagrules`)).status).toBe(403);
    const refused = await stack.admin.as(DEV).post(`/projects/${projectId}/immutabletagrules`, {
      tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] },
    });
    expect(refused.status).toBe(403);
  });

  it('a Guest has no Policy tab and is sent to the summary from its URL', async () => {
    const guest = await signedInAs(GINA);
    await guest.goto(`/harbor/projects/${projectId}/tag-strategy`);
    await guest.waitForURL(`**/harbor/projects/${projectId}/summary`);
    await guest.getByRole('region', { name: 'Project' }).waitFor();
    expect(await projectTabs(guest)).not.toContain('Policy');
    await guest.context().close();
    expect((await stack.admin.as(GINA).get(`/retentions/${Number((await stack.admin.get<{ metadata: Record<string, string> }>(`/projects/${projectId}`)).body.metadata.retention_id)}`)).status).toBe(403);
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
