import type { Credentials } from '../../../core/test/support/api-client';
import { startTestJobService, type TestJobService } from '../../../core/test/support/test-jobservice';
import { type Receiver, startReceiver } from '../../../core/test/integration/webhook-receiver';
import { WebhookEvents } from '../../../core/src/webhooks/webhook-events';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { createWebhookHandler, webhookRetryPolicy } from '../../../jobservice/src/jobs/webhook/webhook.handler';
import { actOnRow, alertText, type Browser, gridRow, launchBrowser, type Page, projectTabs, screenshot, scriptErrors, toolbarActions, signedInPage } from '../support/browser';
import { pushImage } from '../support/images';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// The project's Webhooks tab in a real browser against the real stack: a policy added in the
// page is the one the server holds, a push is delivered through a real jobservice to a real
// HTTP receiver, and the page shows that delivery among the policy's executions.

let stack: PortalStack;
let jobs: TestJobService;
let receiver: Receiver;
let browser: Browser;
let page: Page;
let projectId: number;
const ADMIN_CREDS = `${ADMIN.username}:${ADMIN.password}`;
const MAX = { username: 'max', password: 'Max12345pw' };
const GINA = { username: 'gina', password: 'Gina1234pw' };
const HOOK = 'ci-hook';

interface Policy {
  id: number;
  name: string;
  enabled: boolean;
  event_types: string[];
  targets: { type: string; address: string; auth_header?: string; skip_cert_verify?: boolean }[];
}
interface Execution { id: number; status: string; extra_attrs: { event_type: string } }

beforeAll(async () => {
  [stack, browser, receiver] = await Promise.all([startPortalStack(), launchBrowser(), startReceiver()]);
  jobs = await startTestJobService(stack, { handlers: new HandlerRegistry().register('WEBHOOK', createWebhookHandler({ timeoutMs: 2_000 }), webhookRetryPolicy(1)) });
  for (const user of [MAX, GINA]) {
    expect((await stack.admin.post('/users', { ...user, email: `${user.username}@example.com`, realname: user.username })).status).toBe(201);
  }
  expect((await stack.admin.post('/projects', { project_name: 'hooked', metadata: { public: 'false' } })).status).toBe(201);
  projectId = (await stack.admin.get<{ project_id: number }>('/projects/hooked', { 'X-Is-Resource-Name': 'true' })).body.project_id;
  expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: 4, member_user: { username: MAX.username } })).status).toBe(201);
  expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: 3, member_user: { username: GINA.username } })).status).toBe(201);
  page = await signedInAs(ADMIN);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await jobs?.stop();
  await stack?.stop();
});

const signedInAs = (user: Credentials): Promise<Page> => signedInPage(browser, stack.baseUrl, user);

const policies = async () => (await stack.admin.get<Policy[]>(`/projects/${projectId}/webhook/policies`)).body;
const executionsOf = async (id: number) => (await stack.admin.get<Execution[]>(`/projects/${projectId}/webhook/policies/${id}/executions`)).body;

async function openNewWebhook(): Promise<ReturnType<Page['getByRole']>> {
  await page.getByRole('button', { name: '+ NEW WEBHOOK' }).click();
  const form = page.getByRole('dialog', { name: 'Add Webhook' });
  await form.getByLabel('Name').fill(HOOK);
  await form.getByLabel('Endpoint URL').fill(`${receiver.url}/hook`);
  return form;
}

describe('webhooks', () => {
  it('adds a policy the server holds and the push it listens for is delivered with its auth header', async () => {
    await page.goto(`/harbor/projects/${projectId}/webhook`);
    await page.getByText('We could not find any webhooks!').waitFor();
    const form = await openNewWebhook();
    await form.getByLabel('Auth Header').fill('Bearer portal');
    // Every event the server offers is ticked; keep the artifact pushes and deletions.
    const events = form.getByRole('group', { name: 'Event Type' }).getByRole('checkbox');
    expect(await events.count()).toBeGreaterThan(2);
    for (const box of await events.all()) {
      const name = await box.evaluate((el) => el.parentElement?.textContent ?? '');
      if (!['PUSH_ARTIFACT', 'DELETE_ARTIFACT'].includes(name)) await box.uncheck();
    }
    await screenshot(page, 'project-webhook-new');
    await form.getByRole('button', { name: 'OK' }).click();
    await form.waitFor({ state: 'detached' });
    await gridRow(page, HOOK).waitFor();
    const [policy] = await policies();
    expect(policy).toMatchObject({ name: HOOK, enabled: true, targets: [{ type: 'http', address: `${receiver.url}/hook`, auth_header: 'Bearer portal' }] });
    expect([...policy.event_types].sort()).toEqual(['DELETE_ARTIFACT', 'PUSH_ARTIFACT']);
    const eventLabels = await gridRow(page, HOOK).locator('.label').allTextContents();
    expect(eventLabels).toEqual(policy.event_types);
    expect(await gridRow(page, HOOK).locator('td').allTextContents()).toEqual(['', HOOK, 'Enabled', 'http', `${receiver.url}/hook`, eventLabels.join(''), 'admin', expect.any(String)]);

    await pushImage(stack.host, 'hooked/app:1.0', ADMIN_CREDS);
    const [delivery] = await receiver.waitFor(1, 30_000);
    expect(delivery.headers.authorization).toBe('Bearer portal');
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'PUSH_ARTIFACT', event_data: { repository: { repo_full_name: 'hooked/app' } } });
    let executions = await executionsOf(policy.id);
    for (let i = 0; i < 100 && executions[0]?.status !== 'Success'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      executions = await executionsOf(policy.id);
    }
    expect(executions).toEqual([expect.objectContaining({ status: 'Success', extra_attrs: expect.objectContaining({ event_type: 'PUSH_ARTIFACT' }) })]);

    await actOnRow(page, HOOK, 'EXECUTIONS');
    const shown = page.getByRole('dialog', { name: `Executions of ${HOOK}` });
    const row = shown.locator('tbody tr').first();
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([String(executions[0].id), 'PUSH_ARTIFACT', 'Success', expect.any(String)]);
    await screenshot(page, 'project-webhook-executions');
    await shown.getByRole('button', { name: 'CLOSE', exact: true }).click();
    await screenshot(page, 'project-webhooks');
  });

  it('shows the server\'s refusal of a duplicate name and adds nothing', async () => {
    const form = await openNewWebhook();
    await form.getByRole('button', { name: 'OK' }).click();
    expect(await alertText(form, 'already exists')).toBe(`notification policy ${HOOK} already exists`);
    await form.getByRole('button', { name: 'CANCEL' }).click();
    expect(await policies()).toHaveLength(1);
  });

  it('disables the policy (no delivery for the next push) and enables it again', async () => {
    const [policy] = await policies();
    await actOnRow(page, HOOK, 'DISABLE');
    await gridRow(page, HOOK).getByRole('cell', { name: 'Disabled', exact: true }).waitFor();
    expect((await policies())[0].enabled).toBe(false);
    await pushImage(stack.host, 'hooked/app:2.0', ADMIN_CREDS, 'second\n');
    await stack.core.app.get(WebhookEvents).idle(); // every event so far has been handed on, or dropped
    expect(await executionsOf(policy.id)).toHaveLength(1);

    await actOnRow(page, HOOK, 'ENABLE');
    await gridRow(page, HOOK).getByRole('cell', { name: 'Enabled', exact: true }).waitFor();
    expect((await policies())[0]).toMatchObject({ enabled: true, targets: [{ auth_header: 'Bearer portal' }] });
  });

  it('is read-only for a Maintainer, whom the server refuses too, and hidden from a Guest', async () => {
    const max = await signedInAs(MAX);
    await max.goto(`/harbor/projects/${projectId}/webhook`);
    await gridRow(max, HOOK).waitFor();
    expect(await toolbarActions(max)).toEqual(['EXECUTIONS']);
    await max.context().close();
    const refused = await stack.admin.as(MAX).post(`/projects/${projectId}/webhook/policies`, { name: 'sneaky', event_types: ['PUSH_ARTIFACT'], targets: [{ type: 'http', address: receiver.url }] });
    expect(refused.status).toBe(403);

    const gina = await signedInAs(GINA);
    await gina.goto(`/harbor/projects/${projectId}/webhook`);
    await gina.waitForURL(`**/harbor/projects/${projectId}/summary`);
    await gina.getByRole('region', { name: 'Project' }).waitFor();
    expect(await projectTabs(gina)).not.toContain('Webhooks');
    await gina.context().close();
    expect((await stack.admin.as(GINA).get(`/projects/${projectId}/webhook/policies`)).status).toBe(403);
  });

  it('deletes the policy after confirmation', async () => {
    await actOnRow(page, HOOK, 'DELETE');
    await page.getByRole('dialog', { name: 'Confirm webhook deletion' }).getByRole('button', { name: 'DELETE' }).click();
    await page.getByText('We could not find any webhooks!').waitFor();
    expect(await policies()).toEqual([]);
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
