import { promtoolCheck, sampleValue } from '../../../libs/metrics/src/testing/promtool';
import { HandlerRegistry } from '../src/handlers';
import type { JobService } from '../src/service';
import { createJobsTestEnv, ended, type JobsTestEnv } from './support/test-env';

// Jobservice with metric.enabled: Harbor's task metrics on its internal GET /metrics.

let env: JobsTestEnv;
let service: JobService;

beforeAll(async () => {
  env = await createJobsTestEnv({ metricsEnabled: true });
  const handlers = new HandlerRegistry()
    .register('GARBAGE_COLLECTION', async () => ({}))
    .register('PURGE_AUDIT_LOG', async () => {
      throw new Error('always fails');
    });
  service = await env.start(handlers);
});
afterAll(() => env.stop());

const scrape = async () => {
  const res = await fetch(`${service.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
};

test('counts and times runs by type and status, and describes the pool', async () => {
  const ok = await env.launch(service, 'GARBAGE_COLLECTION');
  const bad = await env.launch(service, 'PURGE_AUDIT_LOG', {}, 1);
  await env.waitForTask(ok.taskId, ended);
  await env.waitForTask(bad.taskId, ended);
  const text = await scrape();
  expect(sampleValue(text, 'harbor_jobservice_task_total{type="GARBAGE_COLLECTION",status="Success"}')).toBe(1);
  expect(sampleValue(text, 'harbor_jobservice_task_total{type="PURGE_AUDIT_LOG",status="Error"}')).toBe(1);
  expect(sampleValue(text, 'harbor_jobservice_task_process_time_seconds_count{type="GARBAGE_COLLECTION",status="Success"}')).toBe(1);
  expect(text).toMatch(/^harbor_jobservice_info\{node="[^"]+:\d+",pool="[0-9a-f]{24}",workers="2"\} 1$/m);
  expect(await promtoolCheck(text)).toEqual({ code: 0, output: '' });

  await env.waitForTask((await env.launch(service, 'GARBAGE_COLLECTION')).taskId, ended);
  expect(sampleValue(await scrape(), 'harbor_jobservice_task_total{type="GARBAGE_COLLECTION",status="Success"}')).toBe(2);
});

test('needs no internal secret, unlike /api/v1', async () => {
  expect((await fetch(`${service.url}/api/v1/stats`)).status).toBe(401);
  expect((await fetch(`${service.url}/metrics`)).status).toBe(200);
});
