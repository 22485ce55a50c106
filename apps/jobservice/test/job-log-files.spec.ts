import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HandlerRegistry } from '../src/handlers';
import { JobLogFiles } from '../src/job-log-files';
import { createJobsTestEnv, type JobsTestEnv } from './support/test-env';

// Harbor's FILE job logger: with FILE in job_loggers each task's lines also land in
// data_volume/job_logs/<task id>.log; without it no file is written. Old files are swept.

const handlers = new HandlerRegistry().register('PURGE_AUDIT_LOG', async (ctx) => {
  ctx.log('first line');
  ctx.log('second line');
  return {};
});

describe('with FILE configured', () => {
  let env: JobsTestEnv;
  beforeAll(async () => {
    env = await createJobsTestEnv({ jobLoggers: ['DB', 'FILE'] });
  });
  afterAll(() => env.stop());

  it('writes the task log to <task id>.log as well as to the job_log rows', async () => {
    const service = await env.start(handlers);
    const { taskId } = await env.launch(service, 'PURGE_AUDIT_LOG');
    await env.waitForTask(taskId, (t) => t.status === 'Success');
    const file = await readFile(join(env.config.jobLogDirectory, `${taskId}.log`), 'utf8');
    expect(file.trim().split('\n').map((l) => l.replace(/^\S+ /, ''))).toEqual(['first line', 'second line']);
    expect(await env.store.log(taskId)).toBe(file.trim());
  }, 30_000);
});

describe('without FILE', () => {
  let env: JobsTestEnv;
  beforeAll(async () => {
    env = await createJobsTestEnv({ jobLoggers: ['DB'] });
  });
  afterAll(() => env.stop());

  it('keeps the rows only', async () => {
    const service = await env.start(handlers);
    const { taskId } = await env.launch(service, 'PURGE_AUDIT_LOG');
    await env.waitForTask(taskId, (t) => t.status === 'Success');
    expect(await env.store.log(taskId)).toMatch(/second line$/);
    expect(await readdir(env.config.jobLogDirectory).catch(() => [])).toEqual([]);
  }, 30_000);

  it('sweeps task log files last written before the retention, and nothing else', async () => {
    const files = new JobLogFiles(env.config.jobLogDirectory);
    await files.append(1, ['old']);
    await files.append(2, ['new']);
    await writeFile(join(env.config.jobLogDirectory, 'notes.txt'), 'not a job log');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(files.path(1), twoDaysAgo, twoDaysAgo);
    await utimes(join(env.config.jobLogDirectory, 'notes.txt'), twoDaysAgo, twoDaysAgo);
    expect(await files.sweep(86_400_000)).toBe(1);
    expect((await readdir(env.config.jobLogDirectory)).sort()).toEqual(['2.log', 'notes.txt']);
  });
});
