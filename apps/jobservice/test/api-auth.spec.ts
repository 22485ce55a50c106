import { HandlerRegistry } from '../src/handlers';
import type { JobService } from '../src/service';
import { createJobsTestEnv, type JobsTestEnv } from './support/test-env';

// The internal API answers only callers holding the shared secret; health is open for probes.

let env: JobsTestEnv;
let service: JobService;

beforeAll(async () => {
  env = await createJobsTestEnv();
  service = await env.start(new HandlerRegistry());
});
afterAll(() => env.stop());

const ROUTES: [string, string][] = [
  ['POST', '/api/v1/jobs'],
  ['POST', '/api/v1/jobs/1'],
  ['GET', '/api/v1/stats'],
  ['GET', '/api/v1/pools'],
  ['GET', '/api/v1/pools/all/workers'],
  ['GET', '/api/v1/queues'],
  ['PUT', '/api/v1/queues/all'],
  ['POST', '/api/v1/schedules/sync'],
];

test.each(ROUTES)('%s %s without the secret, or with a wrong one, is 401', async (method, path) => {
  for (const authorization of [undefined, 'Harbor-Secret wrong', `Bearer ${env.secret}`, `Harbor-Secret ${env.secret}x`]) {
    const res = await fetch(`${service.url}${path}`, { method, headers: authorization ? { authorization, 'content-type': 'application/json' } : {}, body: method === 'GET' ? undefined : '{"action":"pause"}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: [{ code: 'UNAUTHORIZED', message: 'the internal secret is missing or wrong' }] });
  }
  expect((await env.client(service).queues()).some((q) => q.paused)).toBe(false);
});

test('health needs no secret', async () => {
  const res = await fetch(`${service.url}/api/v1/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'healthy' });
});

test('stats, pools and workers describe this process with max_job_workers idle workers', async () => {
  const client = env.client(service);
  const stats = await client.stats();
  expect(stats.pools).toEqual([expect.objectContaining({ pid: process.pid, concurrency: 2 })]);
  expect(stats.queues.map((q) => q.job_type)).toContain('GARBAGE_COLLECTION');
  const poolId = stats.pools[0].worker_pool_id;
  expect(await client.workers(poolId)).toEqual([
    { id: '0', pool_id: poolId, job_name: '', job_id: '', check_in: '' },
    { id: '1', pool_id: poolId, job_name: '', job_id: '', check_in: '' },
  ]);
  await expect(client.workers('nope')).rejects.toMatchObject({ status: 404 });
});
