import { JobServiceError } from '@harbor-ts/jobs';
import type { JobService } from '../src/service';
import { PrivateRedis } from './support/private-servers';
import { createJobsTestEnv, ended, type JobsTestEnv, sleep, waitFor } from './support/test-env';
import { steppingJob } from './support/stepping-job';

// Redis restarts under a running jobservice. The server is the test's own (killed and started
// again on the same port and append-only file); PostgreSQL is the machine's.

let redis: PrivateRedis;
let env: JobsTestEnv;
let service: JobService;
/** Task ids in the order their handler runs began, to count runs. */
const runs: number[] = [];
const handlers = steppingJob(runs);

beforeAll(async () => {
  redis = await PrivateRedis.start();
  env = await createJobsTestEnv({ redis: redis.config(`faults:${process.pid}:`) });
  env.redis.on('error', () => undefined); // the test's own client sees the restarts too
  // Production's lock duration (30 s): an outage shorter than that leaves the running job's lock
  // in place, so no worker takes the job as stalled while its first run goes on.
  service = await env.start(handlers, { lockDurationMs: 30_000 });
}, 60_000);

afterAll(async () => {
  if (redis && !redis.running) await redis.restart(); // a failed test may leave it down; close against a live one
  await env?.stop();
  await redis?.destroy();
}, 60_000);

async function redisIsBack(): Promise<void> {
  await redis.restart();
  await waitFor(async () => ((await fetch(`${service.url}/api/v1/health`)).ok ? true : undefined), 20_000, 'jobservice health');
}

test('a task running while Redis restarts completes exactly once, and new tasks run afterwards', async () => {
  const { executionId, taskId } = await env.launch(service, 'GARBAGE_COLLECTION', { steps: 10, ms: 500 });
  await waitFor(async () => ((await env.store.log(taskId)) ? true : undefined), 10_000, 'the first log line');
  await redis.kill('SIGKILL');
  await sleep(2_000);
  expect(await env.store.task(taskId)).toMatchObject({ status: 'Running', runCount: 1 });
  await redisIsBack();

  // The job's lock (30 s) outlived the outage and the append-only file kept the job active, so
  // BullMQ never handed it out again: one run, recorded once, completed once Redis answered.
  const task = await env.waitForTask(taskId, ended, 45_000);
  expect(task).toMatchObject({ status: 'Success', runCount: 1, progressDone: 10, extraAttrs: { steps: 10 } });
  expect(runs.filter((id) => id === taskId)).toHaveLength(1);
  expect(await env.store.execution(executionId)).toMatchObject({ status: 'Success' });
  expect((await env.store.log(taskId))?.split('\n').map((l) => l.split(' ')[2])).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));

  // The workers reconnected: a task submitted after the restart runs.
  const next = await env.launch(service, 'GARBAGE_COLLECTION', { steps: 2, ms: 50 });
  expect(await env.waitForTask(next.taskId, ended, 20_000)).toMatchObject({ status: 'Success', runCount: 1 });
}, 90_000);

test('a task submitted while Redis is down is refused at once, stays Pending and runs when submitted again', async () => {
  const { executionId, taskIds } = await env.store.create('GARBAGE_COLLECTION', { vendorId: -1, trigger: 'MANUAL' }, 1);
  const request = { type: 'GARBAGE_COLLECTION' as const, executionId, taskId: taskIds[0], params: { steps: 2, ms: 50 } };
  await redis.kill('SIGTERM');
  const started = Date.now();
  const refusal = await env.client(service).submit(request).then(() => undefined, (err: unknown) => err);
  expect(refusal).toBeInstanceOf(JobServiceError);
  expect(refusal).toMatchObject({ status: 503, message: expect.stringContaining('Redis') });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await env.store.task(taskIds[0])).toMatchObject({ status: 'Pending', runCount: 0 });

  await redisIsBack();
  await sleep(1_000); // nothing queued behind the refusal runs it
  expect(await env.store.task(taskIds[0])).toMatchObject({ status: 'Pending', runCount: 0 });
  await env.client(service).submit(request);
  expect(await env.waitForTask(taskIds[0], ended, 20_000)).toMatchObject({ status: 'Success', runCount: 1 });
  expect(runs.filter((id) => id === taskIds[0])).toHaveLength(1);
}, 90_000);

test('a job handed out again after its lock lapsed in a long outage joins its run instead of starting another', async () => {
  await service.close(5_000);
  service = await env.start(handlers); // FAST: a 2 s lock, checked for stalls every second
  const { executionId, taskId } = await env.launch(service, 'GARBAGE_COLLECTION', { steps: 16, ms: 500 });
  await waitFor(async () => ((await env.store.log(taskId)) ? true : undefined), 10_000, 'the first log line');
  await redis.kill('SIGKILL');
  await sleep(4_000); // longer than the lock: it has expired when Redis comes back
  await redisIsBack();

  // BullMQ's stalled check found the job active without a lock and handed it out again (its
  // stalled counter says so) while the first run went on in this process; the copy waited for
  // that run, so the handler ran once and the task was recorded Running once.
  const task = await env.waitForTask(taskId, ended, 45_000);
  await sleep(1_500); // a second run, had one started, would have logged its first steps by now
  expect(await env.redis.hget(`${env.config.redis.keyPrefix}jobs:GARBAGE_COLLECTION:task-${taskId}`, 'stc')).toBe('1');
  expect(task).toMatchObject({ status: 'Success', runCount: 1, progressDone: 16, extraAttrs: { steps: 16 } });
  expect(await env.store.task(taskId)).toMatchObject({ status: 'Success', runCount: 1, progressDone: 16 });
  expect(runs.filter((id) => id === taskId)).toHaveLength(1);
  expect(await env.store.execution(executionId)).toMatchObject({ status: 'Success' });
  expect((await env.store.log(taskId))?.split('\n')).toHaveLength(16);

  const next = await env.launch(service, 'GARBAGE_COLLECTION', { steps: 2, ms: 50 });
  expect(await env.waitForTask(next.taskId, ended, 20_000)).toMatchObject({ status: 'Success', runCount: 1 });
}, 90_000);
