import { HandlerRegistry } from '../src/handlers';
import { createJobsTestEnv, type JobsTestEnv, sleep, waitFor } from './support/test-env';

// The schedule table is the truth; jobservice mirrors it into BullMQ job schedulers. Crons
// firing every second here (Harbor's API refuses those; the table takes any 6-field cron).

let env: JobsTestEnv;
const fired: { executionId: number; params: unknown; attempt: number }[] = [];
const handlers = new HandlerRegistry().register('PURGE_AUDIT_LOG', async (ctx) => {
  fired.push({ executionId: ctx.executionId, params: ctx.params, attempt: ctx.attempt });
  return {};
});

beforeAll(async () => {
  env = await createJobsTestEnv();
});
afterAll(() => env.stop());

const scheduledExecutions = async () =>
  (await env.store.executions('PURGE_AUDIT_LOG', -1, { offset: 0, limit: 100 })).items.filter((e) => e.trigger === 'SCHEDULE');

test('a schedule fires executions (trigger SCHEDULE) with its params, and keeps firing across a restart', async () => {
  await env.schedules.save('PURGE_AUDIT_LOG', -1, 'Custom', '* * * * * *', { retention_hour: 24 });
  const first = await env.start(handlers); // the schedule existed before jobservice started
  await waitFor(async () => ((await scheduledExecutions()).length >= 2 ? true : undefined), 10_000, 'two firings');
  await first.close(1_000);

  const before = (await scheduledExecutions()).length;
  await sleep(1_500); // nothing fires while jobservice is down
  expect((await scheduledExecutions()).length).toBe(before);
  const second = await env.start(handlers);
  await waitFor(async () => ((await scheduledExecutions()).length >= before + 2 ? true : undefined), 10_000, 'firings after the restart');

  const executions = await scheduledExecutions();
  for (const e of executions.filter((x) => x.status !== 'Running' && x.status !== 'Pending')) {
    expect(e).toMatchObject({ status: 'Success', vendorId: -1, extraAttrs: { retention_hour: 24 } });
    const [task] = await env.store.tasks(e.id);
    expect(task).toMatchObject({ status: 'Success', runCount: 1 });
    expect(task.jobId).toMatch(/^repeat:schedule:PURGE_AUDIT_LOG:-1:/);
  }
  expect(fired.every((f) => (f.params as { retention_hour: number }).retention_hour === 24 && f.attempt === 1)).toBe(true);

  // Removing the row and syncing stops the firings.
  await env.schedules.remove('PURGE_AUDIT_LOG', -1);
  await env.client(second).syncSchedules();
  await sleep(1_200);
  const settled = (await scheduledExecutions()).length;
  await sleep(1_500);
  expect((await scheduledExecutions()).length).toBe(settled);
  await second.close(1_000); // later tests start services with other handlers on the same queues
}, 60_000);

test('a changed cron is picked up by a sync; a row with a broken cron is ignored, not fatal', async () => {
  const service = await env.start(handlers);
  await env.schedules.save('PURGE_AUDIT_LOG', -1, 'Custom', '0 0 0 1 1 *', {});
  await env.schedules.save('GARBAGE_COLLECTION', -1, 'Custom', 'not a cron', {});
  const res = await fetch(`${service.url}/api/v1/schedules/sync`, { method: 'POST', headers: { authorization: `Harbor-Secret ${env.secret}` } });
  expect(await res.json()).toEqual({ schedules: 1 });
  const before = (await scheduledExecutions()).length;
  await sleep(1_500);
  expect((await scheduledExecutions()).length).toBe(before); // once a year now
  await env.schedules.remove('GARBAGE_COLLECTION', -1);
  await env.schedules.remove('PURGE_AUDIT_LOG', -1);
  await env.client(service).syncSchedules();
  await service.close(1_000);
}, 30_000);

test('a job type with a schedule expander fans each firing out: one task per entry, each queued and run with its own params', async () => {
  const ran: { taskId: number; params: unknown }[] = [];
  const fanning = new HandlerRegistry()
    .register('RETENTION', async (ctx) => {
      ran.push({ taskId: ctx.taskId, params: ctx.params });
      return { retained: 1 };
    })
    .expandSchedules('RETENTION', async (vendorId, params) => ['lib/a', 'lib/b', 'lib/c'].map((repository) => ({ policyId: vendorId, repository, dryRun: params.dryRun })));
  await env.schedules.save('RETENTION', 42, 'Custom', '* * * * * *', { policyId: 42, dryRun: true });
  const service = await env.start(fanning);
  const firing = await waitFor(async () => {
    const items = (await env.store.executions('RETENTION', 42, { offset: 0, limit: 10 })).items;
    return items.find((e) => e.trigger === 'SCHEDULE' && e.status === 'Success');
  }, 10_000, 'a fanned-out firing that finished');
  await env.schedules.remove('RETENTION', 42);
  await env.client(service).syncSchedules();

  expect(firing.extraAttrs).toEqual({ policyId: 42, dryRun: true });
  const tasks = await env.store.tasks(firing.id);
  expect(tasks.map((t) => [t.status, t.extraAttrs])).toEqual(['lib/a', 'lib/b', 'lib/c'].map((repository) => (
    ['Success', { policyId: 42, repository, dryRun: true, retained: 1 }])));
  expect(tasks.every((t) => t.jobId === `task-${t.id}`)).toBe(true);
  for (const t of tasks) expect(ran.filter((r) => r.taskId === t.id)).toEqual([{ taskId: t.id, params: { policyId: 42, repository: expect.any(String), dryRun: true } }]);
  await service.close(1_000);
}, 30_000);

test('an expander that finds nothing records an execution with no task, Success', async () => {
  const empty = new HandlerRegistry().register('RETENTION', async () => ({})).expandSchedules('RETENTION', async () => []);
  await env.schedules.save('RETENTION', 43, 'Custom', '* * * * * *', { policyId: 43 });
  const service = await env.start(empty);
  const firing = await waitFor(async () => (await env.store.executions('RETENTION', 43, { offset: 0, limit: 10 })).items[0], 10_000, 'a firing');
  await env.schedules.remove('RETENTION', 43);
  await env.client(service).syncSchedules();
  expect(firing).toMatchObject({ trigger: 'SCHEDULE', status: 'Success' });
  expect(await env.store.tasks(firing.id)).toEqual([]);
  await service.close(1_000);
}, 30_000);
