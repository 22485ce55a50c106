import { HarborError } from '../../src/common/harbor-error';
import { JobLauncher } from '../../src/jobs/job-launcher';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { ApiClient } from '../support/api-client';
import { startTestJobService, type TestJobService } from '../support/test-jobservice';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { createUser, type TestUser } from './projects.fixtures';

// The jobservice dashboard (/api/v2.0/jobservice, /schedules) and core's JobLauncher against a
// real jobservice on the same database and Redis.

let stack: TestStack;
let jobs: TestJobService;
let launcher: JobLauncher;
let admin: ApiClient;
let anon: ApiClient;
let user: TestUser;

const handlers = new HandlerRegistry().register('GARBAGE_COLLECTION', async (ctx) => {
  ctx.log('collecting');
  await ctx.progress(1, 10);
  await new Promise<void>((resolve) => {
    if (!ctx.params.wait) return resolve();
    ctx.signal.addEventListener('abort', () => resolve());
  });
  return {};
});

beforeAll(async () => {
  stack = await startTestStack();
  jobs = await startTestJobService(stack, { handlers });
  launcher = stack.core.app.get(JobLauncher);
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  user = await createUser(stack.core.deps.db, 'jsuser');
});
afterAll(async () => {
  await jobs.stop();
  await stack.stop();
});

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const taskStatus = async (taskId: number) => (await launcher.tasks((await taskOf(taskId)).executionId)).find((t) => t.id === taskId)!;
const taskOf = async (taskId: number) => (await stack.core.deps.db.query(`SELECT execution_id AS "executionId" FROM task WHERE id = $1`, [taskId]))[0] as { executionId: number };

test('a launched task runs; the dashboard shows its worker, stops it and serves its log', async () => {
  const { executionId, taskId } = await launcher.launch('GARBAGE_COLLECTION', { trigger: 'MANUAL', params: { wait: true }, extraAttrs: { dry_run: true } });
  const pools = await admin.get<{ worker_pool_id: string; pid: number; concurrency: number }[]>('/api/v2.0/jobservice/pools');
  expect(pools.status).toBe(200);
  expect(pools.body).toEqual([expect.objectContaining({ pid: process.pid, concurrency: 2 })]);
  const poolId = pools.body[0].worker_pool_id;
  const busy = await until(async () => {
    const res = await admin.get<{ job_id: string; job_name: string; check_in: string }[]>(`/api/v2.0/jobservice/pools/${poolId}/workers`);
    return res.body.find((w) => w.job_id === `task-${taskId}`);
  }, 'the busy worker');
  expect(busy).toMatchObject({ job_name: 'GARBAGE_COLLECTION', check_in: '1/10' });
  expect((await admin.get<unknown[]>('/api/v2.0/jobservice/pools/all/workers')).body).toHaveLength(2);

  expect((await admin.put(`/api/v2.0/jobservice/jobs/task-${taskId}`)).status).toBe(200);
  await until(async () => ((await taskStatus(taskId)).status === 'Stopped' ? true : undefined), 'the stop');
  expect(await launcher.execution(executionId)).toMatchObject({ status: 'Stopped', trigger: 'MANUAL', extraAttrs: { dry_run: true } });

  const log = await admin.get(`/api/v2.0/jobservice/jobs/task-${taskId}/log`);
  expect(log.status).toBe(200);
  expect(log.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(log.text).toMatch(/collecting$/);
  expect(await launcher.taskLog(taskId)).toBe(log.text);
});

test('unknown pools and jobs are 404', async () => {
  for (const path of ['/api/v2.0/jobservice/pools/nope/workers', '/api/v2.0/jobservice/jobs/task-999999/log']) {
    const res = await admin.get(path);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: [{ code: 'NOT_FOUND', message: expect.any(String) }] });
  }
  expect((await admin.put('/api/v2.0/jobservice/jobs/task-999999')).status).toBe(404);
});

test('queues list every job type; pause and resume one; bad actions and types are refused', async () => {
  const queues = await admin.get<{ job_type: string; paused: boolean; count: number; latency: number }[]>('/api/v2.0/jobservice/queues');
  expect(queues.status).toBe(200);
  expect(queues.body.map((q) => q.job_type)).toContain('GARBAGE_COLLECTION');
  expect(queues.body.every((q) => q.paused === false && q.count === 0)).toBe(true);

  expect((await admin.put('/api/v2.0/jobservice/queues/garbage_collection', { action: 'pause' })).status).toBe(200);
  const { taskId } = await launcher.launch('GARBAGE_COLLECTION', { trigger: 'MANUAL', params: {} });
  const paused = (await admin.get<{ job_type: string; paused: boolean; count: number }[]>('/api/v2.0/jobservice/queues')).body.find((q) => q.job_type === 'GARBAGE_COLLECTION');
  expect(paused).toMatchObject({ paused: true, count: 1 });

  const bad = await admin.put('/api/v2.0/jobservice/queues/GARBAGE_COLLECTION', { action: 'explode' });
  expect(bad.status).toBe(400);
  expect(bad.body).toEqual({ errors: [{ code: 'BAD_REQUEST', message: 'the action is not supported: it must be one of stop, pause, resume' }] });
  expect((await admin.put('/api/v2.0/jobservice/queues/NOPE', { action: 'resume' })).status).toBe(404);
  expect((await admin.get<{ paused: boolean }>('/api/v2.0/schedules/all/paused')).body).toEqual({ paused: false });

  expect((await admin.put('/api/v2.0/jobservice/queues/all', { action: 'resume' })).status).toBe(200);
  await until(async () => ((await taskStatus(taskId)).status === 'Success' ? true : undefined), 'the resumed task');
});

test('schedules: saved through the launcher (bad cron 400), listed with paging, paused status', async () => {
  await launcher.setSchedule('GARBAGE_COLLECTION', -1, { type: 'Daily', cron: '' }, { delete_untagged: true });
  await expect(launcher.setSchedule('PURGE_AUDIT_LOG', -1, { type: 'Custom', cron: '*/5 * * * * *' }, {})).rejects.toThrow(HarborError);
  await expect(launcher.setSchedule('PURGE_AUDIT_LOG', -1, { type: 'Custom', cron: '0 0 25 * * *' }, {})).rejects.toMatchObject({ status: 400 });
  expect(await launcher.schedule('PURGE_AUDIT_LOG', -1)).toBeUndefined();
  expect(await launcher.schedule('GARBAGE_COLLECTION', -1)).toMatchObject({ type: 'Daily', cron: '0 0 0 * * *', params: { delete_untagged: true } });

  const list = await admin.get<{ vendor_type: string; vendor_id: number; cron: string; id: number; update_time: string }[]>('/api/v2.0/schedules?page=1&page_size=10');
  expect(list.status).toBe(200);
  expect(list.headers.get('x-total-count')).toBe('1');
  expect(list.body).toEqual([{ id: expect.any(Number), vendor_type: 'GARBAGE_COLLECTION', vendor_id: -1, cron: '0 0 0 * * *', update_time: expect.any(String) }]);

  expect((await admin.get('/api/v2.0/schedules/GARBAGE_COLLECTION/paused')).status).toBe(400);
  await admin.put('/api/v2.0/jobservice/queues/all', { action: 'pause' });
  expect((await admin.get('/api/v2.0/schedules/all/paused')).body).toEqual({ paused: true });
  await admin.put('/api/v2.0/jobservice/queues/all', { action: 'resume' });

  await launcher.setSchedule('GARBAGE_COLLECTION', -1, { type: 'None', cron: '' }, {});
  expect((await admin.get('/api/v2.0/schedules')).headers.get('x-total-count')).toBe('0');
});

test('anonymous callers get 401 and non-admins 403 on every dashboard endpoint, changing nothing', async () => {
  const calls: [string, string, unknown?][] = [
    ['GET', '/api/v2.0/jobservice/pools'],
    ['GET', '/api/v2.0/jobservice/pools/all/workers'],
    ['PUT', '/api/v2.0/jobservice/jobs/task-1'],
    ['GET', '/api/v2.0/jobservice/jobs/task-1/log'],
    ['GET', '/api/v2.0/jobservice/queues'],
    ['PUT', '/api/v2.0/jobservice/queues/all', { action: 'pause' }],
    ['GET', '/api/v2.0/schedules'],
    ['GET', '/api/v2.0/schedules/all/paused'],
  ];
  for (const [method, path, body] of calls) {
    const a = await anon.request(method, path, body);
    expect([path, a.status, a.body]).toEqual([path, 401, { errors: [{ code: 'UNAUTHORIZED', message: expect.any(String) }] }]);
    const u = await anon.as(user).request(method, path, body);
    expect([path, u.status, u.body]).toEqual([path, 403, { errors: [{ code: 'FORBIDDEN', message: expect.any(String) }] }]);
  }
  expect((await admin.get<{ paused: boolean }[]>('/api/v2.0/jobservice/queues')).body.some((q) => q.paused)).toBe(false);
});

test('a launch while jobservice is unreachable ends the task Error with the reason', async () => {
  const url = stack.config.jobserviceUrl;
  Object.assign(stack.config, { jobserviceUrl: 'http://127.0.0.1:1' });
  try {
    const { executionId, taskId } = await launcher.launch('GARBAGE_COLLECTION', { trigger: 'MANUAL', params: {} });
    expect(await taskStatus(taskId)).toMatchObject({ status: 'Error', statusMessage: expect.stringMatching(/^jobservice is unavailable: /) });
    expect(await launcher.execution(executionId)).toMatchObject({ status: 'Error' });
  } finally {
    Object.assign(stack.config, { jobserviceUrl: url });
  }
});
