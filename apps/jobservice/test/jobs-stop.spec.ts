import { HandlerRegistry } from '../src/handlers';
import type { JobService } from '../src/service';
import { createJobsTestEnv, ended, type JobsTestEnv, sleep, waitFor } from './support/test-env';

// Stopping a task (running or still queued) and pausing, resuming and clearing queues.

let env: JobsTestEnv;
let service: JobService;
const started: number[] = [];

beforeAll(async () => {
  env = await createJobsTestEnv();
  const handlers = new HandlerRegistry().register('GARBAGE_COLLECTION', async (ctx) => {
    started.push(ctx.taskId);
    ctx.log('waiting to be stopped');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, Number(ctx.params.ms ?? 0));
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      });
    });
    return { slept: true };
  });
  service = await env.start(handlers);
});

afterAll(() => env.stop());

test('stopping a running task aborts its handler and ends it Stopped, without retries', async () => {
  const { executionId, taskId } = await env.launch(service, 'GARBAGE_COLLECTION', { ms: 60_000 });
  await env.waitForTask(taskId, (t) => t.status === 'Running');
  await waitFor(async () => (started.includes(taskId) ? true : undefined), 5_000, 'the handler');
  await env.client(service).stop(taskId);
  const task = await env.waitForTask(taskId, ended, 5_000);
  expect(task).toMatchObject({ status: 'Stopped', runCount: 1, stopRequested: true, statusMessage: 'stopped on request' });
  expect(await env.store.execution(executionId)).toMatchObject({ status: 'Stopped' });
  await sleep(500); // no retry comes
  expect((await env.store.task(taskId))?.runCount).toBe(1);
});

test('pausing a queue holds its tasks; stopping a queued task ends it without running; resume runs the rest', async () => {
  const client = env.client(service);
  await client.queueAction('GARBAGE_COLLECTION', 'pause');
  const held = await env.launch(service, 'GARBAGE_COLLECTION', { ms: 0 });
  const dropped = await env.launch(service, 'GARBAGE_COLLECTION', { ms: 0 });
  await sleep(300);
  const gc = (await client.queues()).find((q) => q.job_type === 'GARBAGE_COLLECTION');
  expect(gc).toMatchObject({ paused: true, count: 2 });
  expect((await env.store.task(held.taskId))?.status).toBe('Pending');

  await client.stop(dropped.taskId);
  expect(await env.store.task(dropped.taskId)).toMatchObject({ status: 'Stopped', runCount: 0, statusMessage: 'stopped before it started' });

  await client.queueAction('GARBAGE_COLLECTION', 'resume');
  expect(await env.waitForTask(held.taskId, ended)).toMatchObject({ status: 'Success', runCount: 1 });
  expect(started).not.toContain(dropped.taskId);
  expect((await client.queues()).find((q) => q.job_type === 'GARBAGE_COLLECTION')).toMatchObject({ paused: false, count: 0 });
});

test("a queue's stop action ends every waiting task Stopped", async () => {
  const client = env.client(service);
  await client.queueAction('all', 'pause');
  expect((await client.queues()).every((q) => q.paused)).toBe(true);
  const a = await env.launch(service, 'GARBAGE_COLLECTION', { ms: 0 });
  const b = await env.launch(service, 'GARBAGE_COLLECTION', { ms: 0 });
  await client.queueAction('GARBAGE_COLLECTION', 'stop');
  await client.queueAction('all', 'resume');
  for (const { taskId } of [a, b]) expect(await env.store.task(taskId)).toMatchObject({ status: 'Stopped', runCount: 0, statusMessage: 'stopped with its queue' });
  await sleep(300);
  expect(started).not.toContain(a.taskId);
});

test('a stop recorded before the task is picked up (jobservice was told late) keeps it from running', async () => {
  const { executionId, taskIds } = await env.store.create('GARBAGE_COLLECTION', { vendorId: -1, trigger: 'MANUAL' }, 1);
  await env.store.requestStop(executionId);
  await env.client(service).submit({ type: 'GARBAGE_COLLECTION', executionId, taskId: taskIds[0], params: { ms: 0 } });
  expect(await env.waitForTask(taskIds[0], ended)).toMatchObject({ status: 'Stopped', runCount: 0 });
  expect(started).not.toContain(taskIds[0]);
});

test('stop and queue actions reject unknown tasks, types and actions', async () => {
  const auth = { authorization: `Harbor-Secret ${env.secret}`, 'content-type': 'application/json' };
  const call = (method: string, path: string, body: unknown) => fetch(`${service.url}${path}`, { method, headers: auth, body: JSON.stringify(body) });
  expect((await call('POST', '/api/v1/jobs/999999', { action: 'stop' })).status).toBe(404);
  expect((await call('POST', '/api/v1/jobs/abc', { action: 'stop' })).status).toBe(400);
  expect((await call('POST', '/api/v1/jobs/1', { action: 'kill' })).status).toBe(400);
  expect((await call('PUT', '/api/v1/queues/NOPE', { action: 'pause' })).status).toBe(404);
  const bad = await call('PUT', '/api/v1/queues/GARBAGE_COLLECTION', { action: 'explode' });
  expect(bad.status).toBe(400);
  expect(await bad.json()).toEqual({ errors: [{ code: 'BAD_REQUEST', message: 'the action must be one of stop, pause, resume' }] });
  expect((await env.client(service).queues()).some((q) => q.paused)).toBe(false);
});
