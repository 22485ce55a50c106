import { ApiClient } from '../support/api-client';
import { startTestJobService, type TestJobService } from '../support/test-jobservice';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { createSlackHandler, createWebhookHandler, webhookRetryPolicy } from '../../../jobservice/src/jobs/webhook/webhook.handler';
import { WebhookEvents } from '../../src/webhooks/webhook-events';
import { pushImage } from './artifacts-fixtures';
import { createProject } from './projects.fixtures';
import { startReceiver, type Receiver } from './webhook-receiver';

// The "webhook delivery to a test receiver": core's JobsModule hands the delivery to a
// real jobservice (BullMQ on Redis) running the WEBHOOK handler, which POSTs to the receiver.

jest.mock('../../src/app.module', () => {
  const actual = jest.requireActual('../../src/app.module');
  return { ...actual, AppModule: jest.requireActual('./webhooks-harness').withWebhooks(actual.AppModule, 'jobservice') };
});

let stack: TestStack;
let jobservice: TestJobService;
let receiver: Receiver;
let admin: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  const handlers = new HandlerRegistry()
    .register('WEBHOOK', createWebhookHandler({ timeoutMs: 2_000 }), webhookRetryPolicy(2))
    .register('SLACK', createSlackHandler({ timeoutMs: 2_000 }), webhookRetryPolicy(2));
  jobservice = await startTestJobService(stack, { handlers });
  receiver = await startReceiver();
  admin = new ApiClient(stack.url).as(ADMIN);
});
afterAll(async () => {
  await receiver.close();
  await jobservice.stop();
  await stack.stop();
});

it('delivers PUSH_ARTIFACT with the pushed digest and tag through jobservice, retrying a 500', async () => {
  const project = await createProject(admin);
  const created = await admin.post(`/api/v2.0/projects/${project.id}/webhook/policies`, {
    name: uniqueName('hook'), event_types: ['PUSH_ARTIFACT'], targets: [{ type: 'http', address: `${receiver.url}/hook`, auth_header: 'Bearer e2e' }],
  });
  expect(created.status).toBe(201);
  const policyId = Number(created.headers.get('location')!.split('/').pop());
  receiver.answers.push(500);
  const pushed = await pushImage(stack.url, `${project.name}/app`, 'v1');
  await stack.core.app.get(WebhookEvents).idle();
  const [first, second] = await receiver.waitFor(2, 30_000);
  expect(second.body).toBe(first.body);
  expect(second.headers.authorization).toBe('Bearer e2e');
  expect(JSON.parse(second.body)).toMatchObject({ type: 'PUSH_ARTIFACT', operator: 'admin', event_data: { resources: [{ digest: pushed.digest, tag: 'v1' }], repository: { repo_full_name: `${project.name}/app` } } });

  const base = `/api/v2.0/projects/${project.id}/webhook/policies/${policyId}`;
  let executions = await admin.get<{ id: number; status: string }[]>(`${base}/executions`);
  for (let i = 0; i < 50 && executions.body[0]?.status !== 'Success'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    executions = await admin.get(`${base}/executions`);
  }
  expect(executions.body).toEqual([expect.objectContaining({ vendor_type: 'WEBHOOK', status: 'Success', trigger: 'EVENT' })]);
  const tasks = await admin.get<{ id: number; run_count: number }[]>(`${base}/executions/${executions.body[0].id}/tasks`);
  expect(tasks.body[0].run_count).toBe(2);
  const log = await admin.get(`${base}/executions/${executions.body[0].id}/tasks/${tasks.body[0].id}/log`);
  expect(log.text).toContain('answer: 500 Internal Server Error');
  expect(log.text).toContain('answer: 200 OK');
});
