import type { JobService } from '../src/service';
import { PrivatePostgres } from './support/private-servers';
import { createJobsTestEnv, ended, type JobsTestEnv, sleep, waitFor } from './support/test-env';
import { steppingJob } from './support/stepping-job';

// PostgreSQL restarts under a running jobservice. The server is the test's own cluster (stopped
// with `pg_ctl stop -m immediate`, as a crash would, and started again); Redis is the machine's.

let postgres: PrivatePostgres;
let env: JobsTestEnv;
let service: JobService;
/** Task ids in the order their handler runs began, to count runs. */
const runs: number[] = [];
const handlers = steppingJob(runs);

beforeAll(async () => {
  postgres = await PrivatePostgres.start();
  env = await createJobsTestEnv({ database: postgres.config() });
  service = await env.start(handlers);
}, 60_000);

afterAll(async () => {
  await postgres?.restart().catch(() => undefined); // a failed test may leave it down; close against a live one
  await env?.stop();
  await postgres?.destroy();
}, 60_000);

const health = async (): Promise<number> => (await fetch(`${service.url}/api/v1/health`)).status;

test('a task writing progress and log lines while PostgreSQL restarts completes once it is back', async () => {
  const { executionId, taskId } = await env.launch(service, 'GARBAGE_COLLECTION', { steps: 12, ms: 500 });
  await waitFor(async () => ((await env.store.log(taskId)) ? true : undefined), 10_000, 'the first log line');
  await postgres.stopImmediately();
  await sleep(3_000); // several progress writes and a log flush fall into the outage
  expect(await health()).toBeGreaterThanOrEqual(500); // jobservice answers, and says it is not healthy
  await postgres.restart();
  await waitFor(async () => ((await health()) === 200 ? true : undefined), 20_000, 'jobservice health');

  // The runner's writes wait for the database (connection errors are retried), so the handler
  // paused at its progress call, went on once PostgreSQL answered and ran exactly once.
  const task = await env.waitForTask(taskId, ended, 60_000);
  expect(task).toMatchObject({ status: 'Success', runCount: 1, progressDone: 12, extraAttrs: { steps: 12 } });
  expect(runs.filter((id) => id === taskId)).toHaveLength(1);
  expect(await env.store.execution(executionId)).toMatchObject({ status: 'Success' });
  expect((await env.store.log(taskId))?.split('\n').map((l) => l.split(' ')[2])).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));

  const again = await env.launch(service, 'GARBAGE_COLLECTION', { steps: 2, ms: 50 });
  expect(await env.waitForTask(again.taskId, ended, 20_000)).toMatchObject({ status: 'Success', runCount: 1 });
}, 90_000);
