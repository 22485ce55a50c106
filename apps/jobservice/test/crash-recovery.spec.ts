import { build } from 'esbuild';
import { type ChildProcess, fork } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JobServiceClient } from '@harbor-ts/jobs';
import { createJobsTestEnv, ended, type JobsTestEnv, waitFor } from './support/test-env';

// A jobservice process killed with SIGKILL mid-job: once a jobservice runs again, BullMQ's
// stalled-job check hands the job out again; the task runs a second time (run_count 2) and
// completes exactly once.

const repoRoot = resolve(__dirname, '../../..');
const bundle = join(repoRoot, 'dist', 'test-bundles', `jobservice-crash-child-${process.pid}.js`);
let env: JobsTestEnv;
const children: ChildProcess[] = [];

beforeAll(async () => {
  env = await createJobsTestEnv();
  await env.pg.query('CREATE TABLE crash_probe (task_id int NOT NULL, pid int NOT NULL)');
  await build({
    entryPoints: [join(__dirname, 'support', 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: join(repoRoot, 'tsconfig.base.json'),
    outfile: bundle,
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  });
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await env.stop();
  await rm(bundle, { force: true });
});

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(bundle, [JSON.stringify(env.config)], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (m: { ready: string }) => resolve({ child, url: m.ready }));
    child.once('exit', (code) => reject(new Error(`jobservice child exited with ${code}`)));
  });
}

test('a job whose jobservice was killed runs again elsewhere and completes exactly once', async () => {
  const first = await startChild();
  const client = new JobServiceClient(async () => ({ url: first.url, secret: env.secret }));
  const { executionId, taskIds } = await env.store.create('GARBAGE_COLLECTION', { vendorId: -1, trigger: 'MANUAL' }, 1);
  const taskId = taskIds[0];
  await client.submit({ type: 'GARBAGE_COLLECTION', executionId, taskId, params: { ms: 1_500 } });
  await env.waitForTask(taskId, (t) => t.status === 'Running');
  await waitFor(async () => ((await env.store.log(taskId)) ? true : undefined), 5_000, 'the first log line'); // stored within 500 ms
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  expect(await env.store.task(taskId)).toMatchObject({ status: 'Running', runCount: 1 });

  const second = await startChild();
  const task = await env.waitForTask(taskId, ended, 30_000);
  expect(task).toMatchObject({ status: 'Success', runCount: 2, extraAttrs: { pid: second.child.pid } });
  const probes = await env.pg.query('SELECT pid FROM crash_probe WHERE task_id = $1', [taskId]);
  expect(probes.rows).toEqual([{ pid: second.child.pid }]);
  expect(await env.store.execution(executionId)).toMatchObject({ status: 'Success' });
  expect(await env.store.log(taskId)).toMatch(new RegExp(`run 1 started in process ${first.child.pid}\\n.*run 2 started in process ${second.child.pid}$`));
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
}, 90_000);
