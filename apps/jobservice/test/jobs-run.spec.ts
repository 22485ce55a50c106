import { HandlerRegistry } from '../src/handlers';
import type { JobService } from '../src/service';
import { createJobsTestEnv, ended, type JobsTestEnv } from './support/test-env';

// Submit, run and record: the task and execution rows, the log, progress, retries with backoff.

let env: JobsTestEnv;
let service: JobService;
const runs = new Map<number, number[]>(); // taskId -> start times of each run

beforeAll(async () => {
  env = await createJobsTestEnv();
  const handlers = new HandlerRegistry()
    .register<{ lines: number }>('GARBAGE_COLLECTION', async (ctx) => {
      for (let i = 1; i <= ctx.params.lines; i++) ctx.log(`line ${i}`);
      await ctx.progress(ctx.params.lines, ctx.params.lines);
      return { freed: 42, attempt: ctx.attempt };
    })
    .register<{ failures: number }>('PURGE_AUDIT_LOG', async (ctx) => {
      runs.set(ctx.taskId, [...(runs.get(ctx.taskId) ?? []), Date.now()]);
      ctx.log(`attempt ${ctx.attempt}`);
      if (ctx.attempt <= ctx.params.failures) throw new Error(`failure number ${ctx.attempt}`);
      return { purged: 1 };
    });
  service = await env.start(handlers);
});

afterAll(() => env.stop());

test('a submitted task runs once and records Success, progress, summary and log', async () => {
  const { executionId, taskId } = await env.launch(service, 'GARBAGE_COLLECTION', { lines: 3 });
  const task = await env.waitForTask(taskId, ended);
  expect(task).toMatchObject({ status: 'Success', runCount: 1, progressDone: 3, progressTotal: 3, jobId: `task-${taskId}`, statusMessage: '' });
  expect(task.extraAttrs).toEqual({ freed: 42, attempt: 1 });
  expect(task.startTime).not.toBeNull();
  expect(task.endTime).not.toBeNull();
  const execution = await env.store.execution(executionId);
  expect(execution).toMatchObject({ status: 'Success', trigger: 'MANUAL' });
  expect(execution?.endTime).not.toBeNull();
  const log = (await env.store.log(taskId)) ?? '';
  expect(log.split('\n').map((l) => l.replace(/^\S+ /, ''))).toEqual(['line 1', 'line 2', 'line 3']);
});

test('a failing task is retried with growing delays and succeeds on its third run', async () => {
  const { executionId, taskId } = await env.launch(service, 'PURGE_AUDIT_LOG', { failures: 2 }, 3);
  const task = await env.waitForTask(taskId, ended);
  expect(task).toMatchObject({ status: 'Success', runCount: 3, statusMessage: '' });
  const [first, second, third] = runs.get(taskId) ?? [];
  // exponential backoff from 200 ms: ~200 ms, then ~400 ms
  expect(second - first).toBeGreaterThanOrEqual(190);
  expect(third - second).toBeGreaterThanOrEqual(390);
  expect((await env.store.execution(executionId))?.status).toBe('Success');
  expect(await env.store.log(taskId)).toMatch(/attempt 1\n.*attempt 2\n.*attempt 3$/);
});

test('a task failing every attempt ends Error with the last message', async () => {
  const { executionId, taskId } = await env.launch(service, 'PURGE_AUDIT_LOG', { failures: 99 }, 2);
  const task = await env.waitForTask(taskId, ended);
  expect(task).toMatchObject({ status: 'Error', runCount: 2, statusMessage: 'failure number 2' });
  expect(await env.store.execution(executionId)).toMatchObject({ status: 'Error', statusMessage: 'failure number 2' });
});

test('a task of a type without a handler fails visibly, without retries', async () => {
  const { taskId } = await env.launch(service, 'RETENTION', {});
  const task = await env.waitForTask(taskId, ended);
  expect(task).toMatchObject({ status: 'Error', runCount: 1, statusMessage: 'this jobservice has no handler for RETENTION' });
});

test('a task is never enqueued twice: a second submit is refused with 409', async () => {
  const { executionId, taskId } = await env.launch(service, 'GARBAGE_COLLECTION', { lines: 0 });
  await env.waitForTask(taskId, ended);
  const again = env.client(service).submit({ type: 'GARBAGE_COLLECTION', executionId, taskId, params: { lines: 0 } });
  await expect(again).rejects.toMatchObject({ status: 409 });
  expect((await env.store.task(taskId))?.runCount).toBe(1);
});

test('submits naming a missing task, the wrong execution or type are 404; bad bodies 400', async () => {
  const client = env.client(service);
  const { executionId, taskIds } = await env.store.create('GARBAGE_COLLECTION', { vendorId: -1, trigger: 'MANUAL' }, 1);
  const taskId = taskIds[0];
  await expect(client.submit({ type: 'GARBAGE_COLLECTION', executionId, taskId: 999_999, params: {} })).rejects.toMatchObject({ status: 404 });
  await expect(client.submit({ type: 'GARBAGE_COLLECTION', executionId: executionId + 1000, taskId, params: {} })).rejects.toMatchObject({ status: 404 });
  await expect(client.submit({ type: 'RETENTION', executionId, taskId, params: {} })).rejects.toMatchObject({ status: 404 });
  const bad = [{ type: 'NOPE', executionId, taskId, params: {} }, { type: 'GARBAGE_COLLECTION', executionId, taskId, params: [] }, { type: 'GARBAGE_COLLECTION', executionId, taskId, params: {}, attempts: 0 }];
  for (const body of bad) {
    const res = await fetch(`${service.url}/api/v1/jobs`, { method: 'POST', headers: { authorization: `Harbor-Secret ${env.secret}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0].code).toBe('BAD_REQUEST');
  }
  expect(await env.store.task(taskId)).toMatchObject({ status: 'Pending', jobId: null, runCount: 0 });
});
