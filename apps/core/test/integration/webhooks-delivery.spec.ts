import { ApiClient, basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { JobLauncher } from '../../src/jobs/job-launcher';
import { WebhookEvents } from '../../src/webhooks/webhook-events';
import { pushImage } from './artifacts-fixtures';
import { createProject } from './projects.fixtures';
import { startReceiver, type Receiver } from './webhook-receiver';
import type { InlineJobLauncher } from './webhooks-harness';

// A push, pull and delete through core's /v2 reach a real receiver through WEBHOOK
// executions. Deliveries run through the inline launcher of webhooks-harness.ts (the real
// handler, real execution tables) until JobsModule and the test jobservice replace it.

jest.mock('../../src/app.module', () => {
  const actual = jest.requireActual('../../src/app.module');
  return { ...actual, AppModule: jest.requireActual('./webhooks-harness').withWebhooks(actual.AppModule) };
});

let stack: TestStack;
let admin: ApiClient;
let receiver: Receiver;

beforeAll(async () => {
  stack = await startTestStack({ publicUrl: 'https://harbor.example.com' });
  admin = new ApiClient(stack.url).as(ADMIN);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await stack.stop();
});

/** Waits until every emitted event has been launched and every launched delivery has run. */
async function settle(): Promise<void> {
  await stack.core.app.get(WebhookEvents).idle();
  await (stack.core.app.get(JobLauncher) as InlineJobLauncher).idle();
}

async function policy(projectId: number, body: Record<string, unknown>): Promise<number> {
  const res = await admin.post(`/api/v2.0/projects/${projectId}/webhook/policies`, { name: uniqueName('hook'), ...body });
  if (res.status !== 201) throw new Error(`policy: ${res.status} ${res.text}`);
  return Number(res.headers.get('location')!.split('/').pop());
}

beforeEach(() => {
  receiver.received.length = 0;
});

describe('webhook delivery to a test receiver', () => {
  it('delivers PUSH_ARTIFACT with the pushed digest and tag, and records the execution, task and log', async () => {
    const project = await createProject(admin);
    const id = await policy(project.id, { event_types: ['PUSH_ARTIFACT'], targets: [{ type: 'http', address: `${receiver.url}/hook`, auth_header: 'Bearer t0k' }] });
    const pushed = await pushImage(stack.url, `${project.name}/app`, 'v1');
    await settle();
    const [req] = await receiver.waitFor(1);
    expect(req.headers.authorization).toBe('Bearer t0k');
    expect(JSON.parse(req.body)).toEqual({
      type: 'PUSH_ARTIFACT', occur_at: expect.any(Number), operator: 'admin',
      event_data: {
        resources: [{ digest: pushed.digest, tag: 'v1', resource_url: `harbor.example.com/${project.name}/app:v1` }],
        repository: { date_created: expect.any(Number), name: 'app', namespace: project.name, repo_full_name: `${project.name}/app`, repo_type: 'private' },
      },
    });

    const base = `/api/v2.0/projects/${project.id}/webhook/policies/${id}`;
    const executions = await admin.get<Record<string, unknown>[]>(`${base}/executions`);
    expect(executions.headers.get('x-total-count')).toBe('1');
    expect(executions.body[0]).toMatchObject({ vendor_type: 'WEBHOOK', vendor_id: id, status: 'Success', trigger: 'EVENT', extra_attrs: { event_type: 'PUSH_ARTIFACT' }, metrics: { task_count: 1, success_task_count: 1 } });
    const tasks = await admin.get<Record<string, unknown>[]>(`${base}/executions/${executions.body[0].id}/tasks`);
    expect(tasks.body).toEqual([expect.objectContaining({ execution_id: executions.body[0].id, status: 'Success', run_count: 1 })]);
    const log = await admin.get(`${base}/executions/${executions.body[0].id}/tasks/${tasks.body[0].id}/log`);
    expect(log.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(log.text).toMatch(/^attempt 1: POST http:\/\/127\.0\.0\.1:\d+\/hook \(PUSH_ARTIFACT, Default, \d+ bytes\)\nanswer: 200 OK/);
    expect((await admin.get(`${base}/executions/${executions.body[0].id}/tasks/999999/log`)).status).toBe(404);
    expect((await admin.get(`${base}/executions/999999/tasks`)).status).toBe(404);
    const last = await admin.get<Record<string, unknown>[]>(`/api/v2.0/projects/${project.id}/webhook/lasttrigger`);
    expect(last.body).toEqual([expect.objectContaining({ event_type: 'PUSH_ARTIFACT', last_trigger_time: expect.any(String) })]);
  });

  it('delivers PULL_ARTIFACT and DELETE_ARTIFACT (with the tags the artifact had) in CloudEvents, and retries a failing target', async () => {
    const project = await createProject(admin);
    await policy(project.id, { event_types: ['PULL_ARTIFACT', 'DELETE_ARTIFACT'], targets: [{ type: 'http', address: receiver.url, payload_format: 'CloudEvents' }] });
    const pushed = await pushImage(stack.url, `${project.name}/app`, 'v2');
    receiver.answers.push(500);
    const pull = await fetch(`${stack.url}/v2/${project.name}/app/manifests/v2`, { headers: { authorization: basicAuth(ADMIN), accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(pull.status).toBe(200);
    await new Promise((r) => setTimeout(r, 400)); // pulls are recorded in batches after 200 ms
    await settle();
    const pulled = await receiver.waitFor(2);
    expect(pulled[1].body).toBe(pulled[0].body);
    expect(JSON.parse(pulled[1].body)).toMatchObject({ specversion: '1.0', type: 'harbor.artifact.pulled', source: expect.stringMatching(/^\/projects\/\d+\/webhook\/policies\/\d+$/), data: { resources: [{ digest: pushed.digest, tag: 'v2' }] } });

    expect((await admin.delete(`/api/v2.0/projects/${project.name}/repositories/app/artifacts/${pushed.digest}`)).status).toBe(200);
    await settle();
    const [, , deleted] = await receiver.waitFor(3);
    expect(JSON.parse(deleted.body)).toMatchObject({ type: 'harbor.artifact.deleted', data: { resources: [{ digest: pushed.digest, tag: 'v2' }] } });
  });

  // pushImage's images all have the same size U: blobs (layer, config) then a manifest.
  const usage = async (projectId: number) => Number((await stack.core.deps.db.query(`SELECT used_storage FROM quota WHERE reference = 'project' AND reference_id = $1`, [String(projectId)]))[0].used_storage);
  const setLimit = (projectId: number, bytes: number) => stack.core.deps.db.query(`UPDATE quota SET hard_storage = $2 WHERE reference = 'project' AND reference_id = $1`, [String(projectId), bytes]);

  it('delivers QUOTA_EXCEED when a manifest push is refused, to Slack targets too, and nothing for disabled policies', async () => {
    const project = await createProject(admin);
    await policy(project.id, { event_types: ['QUOTA_EXCEED'], targets: [{ type: 'slack', address: `${receiver.url}/slack` }] });
    await policy(project.id, { event_types: ['QUOTA_EXCEED'], enabled: false, targets: [{ type: 'http', address: `${receiver.url}/off` }] });
    await pushImage(stack.url, `${project.name}/app`, 'v1');
    await setLimit(project.id, 2 * (await usage(project.id)) - 1); // room for the second image's blobs, not its manifest
    await expect(pushImage(stack.url, `${project.name}/app`, 'v2')).rejects.toThrow(/manifest put failed: 403/);
    await settle();
    const [slack] = await receiver.waitFor(1);
    expect(slack.path).toBe('/slack');
    expect(slack.body).toContain('*event_type:* QUOTA_EXCEED');
    expect(slack.body).toContain('Quota exceeded when processing the request');
    expect(receiver.received).toHaveLength(1);
  });

  it('delivers QUOTA_EXCEED when a blob upload is refused, naming the repository', async () => {
    const project = await createProject(admin);
    await policy(project.id, { event_types: ['QUOTA_EXCEED'], targets: [{ type: 'http', address: receiver.url }] });
    await setLimit(project.id, 10); // smaller than pushImage's first blob
    await expect(pushImage(stack.url, `${project.name}/blobs`, 'v1')).rejects.toThrow(/blob upload failed: 403/);
    await settle();
    const [hook] = await receiver.waitFor(1);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'QUOTA_EXCEED', operator: 'admin',
      event_data: { repository: { name: 'blobs', namespace: project.name, repo_full_name: `${project.name}/blobs` }, custom_attributes: { Details: expect.stringContaining('Quota exceeded') } },
    });
    expect(receiver.received).toHaveLength(1);
    expect(await usage(project.id)).toBe(0);
  });

  it('delivers QUOTA_WARNING when a push takes usage past 85% of the limit', async () => {
    const project = await createProject(admin);
    await policy(project.id, { event_types: ['QUOTA_WARNING'], targets: [{ type: 'http', address: receiver.url }] });
    await pushImage(stack.url, `${project.name}/app`, 'v1');
    const limit = Math.floor((2 * (await usage(project.id))) / 0.9); // the second image brings usage to 90%
    await setLimit(project.id, limit);
    await pushImage(stack.url, `${project.name}/app`, 'v2');
    await settle();
    const [warning] = await receiver.waitFor(1);
    expect(JSON.parse(warning.body)).toMatchObject({ type: 'QUOTA_WARNING', event_data: { resources: [{ tag: 'v2' }], custom_attributes: { Details: expect.stringContaining('has reached 90% of the configured upper limit') } } });
  });

  it('sends nothing while notification_enable is false (set through /configurations), and again once it is true', async () => {
    const project = await createProject(admin);
    await policy(project.id, { event_types: ['PUSH_ARTIFACT'], targets: [{ type: 'http', address: receiver.url }] });
    expect((await admin.put('/api/v2.0/configurations', { notification_enable: false })).status).toBe(200);
    expect((await admin.get<Record<string, { value: unknown; editable: boolean }>>('/api/v2.0/configurations')).body.notification_enable).toEqual({ value: false, editable: true });
    try {
      await pushImage(stack.url, `${project.name}/app`, 'v1');
      await settle();
      expect(receiver.received).toHaveLength(0);
    } finally {
      expect((await admin.put('/api/v2.0/configurations', { notification_enable: true })).status).toBe(200);
    }
    await pushImage(stack.url, `${project.name}/app`, 'v2');
    await settle();
    expect((await receiver.waitFor(1)).map((r) => JSON.parse(r.body).type)).toEqual(['PUSH_ARTIFACT']);
  });
});
