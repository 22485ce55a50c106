import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { createGcHandler, RegistryctlClient } from '../../../jobservice/src/jobs/gc';
import { createPurgeAuditHandler } from '../../../jobservice/src/jobs/purge-audit';
import { jobsPrefix, redisOptions } from '../../../jobservice/src/queues';
import { startTestRegistryctl, type TestRegistryctl } from '../../../registryctl/test/support/test-registryctl';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { startTestJobService, type TestJobService } from '../support/test-jobservice';
import { startTestStack, type TestStack } from '../support/test-stack';
import { pushImage, sha } from './artifacts-fixtures';
import { type Callers, callers, expectError, schedule } from './system-jobs-helpers';

// /system/gc and /system/purgeaudit with jobs that really run: core launches through a real
// jobservice (BullMQ on Redis), whose GC handler sweeps through a real registryctl over the
// test registry's storage and whose purge handler deletes audit rows.

let stack: TestStack;
let ctl: TestRegistryctl;
let jobs: TestJobService;
let pool: Pool;
let db: DataSource;
let c: Callers;
let admin: ApiClient;
const GC = '/api/v2.0/system/gc';
const PURGE = '/api/v2.0/system/purgeaudit';

/** A GC that waits until it is stopped: the "already running" and stop cases need one in flight. */
let holdGc = false;

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  c = await callers(stack);
  admin = c.admin;
  ctl = await startTestRegistryctl({ root: stack.registry.root });
  pool = new Pool({ host: '127.0.0.1', port: 5432, user: 'postgres', database: stack.database.name, max: 4 });
  const log = pino({ level: 'silent' });
  const gc = createGcHandler({ db: pool, registryctl: new RegistryctlClient(ctl.url, ctl.secret), log, uploadPurgingAgeMs: 86_400_000 });
  const handlers = new HandlerRegistry()
    .register('GARBAGE_COLLECTION', async (ctx) => {
      if (!holdGc) return gc(ctx as never);
      ctx.log('holding until stopped');
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      return {};
    }, { attempts: 1 })
    .register('PURGE_AUDIT_LOG', createPurgeAuditHandler({ db: pool, log }), { attempts: 1 });
  jobs = await startTestJobService(stack, { handlers });
}, 60_000);

afterAll(async () => {
  await jobs?.stop();
  await pool?.end();
  await ctl?.stop();
  await stack?.stop();
});

const idFrom = (res: ApiResponse) => Number(res.headers.get('location')!.split('/').pop());

async function finished(base: string, id: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await admin.get<Record<string, unknown>>(`${base}/${id}`);
    if (['Success', 'Error', 'Stopped'].includes(String(res.body.job_status))) return res.body;
    if (Date.now() > deadline) throw new Error(`execution ${id} still ${String(res.body.job_status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}


describe('manual GC through jobservice', () => {
  it('runs with 201 and Location, deletes the garbage and keeps what artifacts hold; history, detail and log follow', async () => {
    const kept = randomBytes(96);
    const doomed = randomBytes(80);
    await pushImage(stack.url, 'library/gc-run', 'kept', kept);
    const gone = await pushImage(stack.url, 'library/gc-run', 'gone', doomed);
    expect((await admin.delete(`/api/v2.0/projects/library/repositories/gc-run/artifacts/${gone.digest}`)).status).toBe(200);
    const rowsOf = async (digest: string) => (await db.query(`SELECT 1 FROM blob WHERE digest = $1`, [digest])).length;
    expect(await rowsOf(sha(doomed))).toBe(1);

    const res = await admin.post(`${GC}/schedule`, schedule('Manual', undefined, { delete_untagged: true, workers: 2, time_window: 0 }));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(/^\/api\/v2\.0\/system\/gc\/\d+$/);
    const id = idFrom(res);
    const done = await finished(GC, id);
    expect(done).toMatchObject({ id, job_name: 'GARBAGE_COLLECTION', job_kind: 'MANUAL', job_status: 'Success', schedule: { type: 'MANUAL' } });
    expect(JSON.parse(String(done.job_parameters))).toMatchObject({ delete_untagged: true, workers: 2, time_window: 0, dry_run: false });

    // The deleted image's layer is gone from the database and from storage; the kept one stays.
    expect(await rowsOf(sha(doomed))).toBe(0);
    expect(await rowsOf(sha(kept))).toBe(1);
    const layerFile = (digest: string) => `${stack.registry.root}/docker/registry/v2/blobs/sha256/${digest.slice(7, 9)}/${digest.slice(7)}/data`;
    expect(existsSync(layerFile(sha(doomed)))).toBe(false);
    expect(existsSync(layerFile(sha(kept)))).toBe(true);
    const pull = await fetch(`${stack.url}/v2/library/gc-run/manifests/kept`, { headers: { authorization: `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}`, accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(pull.status).toBe(200);

    const log = await fetch(`${stack.url}${GC}/${id}/log`, { headers: { authorization: `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}` } });
    expect(log.status).toBe(200);
    expect(log.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await log.text()).toMatch(/blobs deleted, .* freed/);

    const history = await admin.get<Record<string, unknown>[]>(`${GC}?page=1&page_size=1`);
    expect(history.status).toBe(200);
    expect(history.headers.get('x-total-count')).toBe('1');
    expect(history.body).toEqual([expect.objectContaining({ id, job_status: 'Success' })]);
  }, 60_000);

  it('a dry run reports what it would free and deletes nothing', async () => {
    const content = randomBytes(70);
    const image = await pushImage(stack.url, 'library/gc-run', 'dry', content);
    expect((await admin.delete(`/api/v2.0/projects/library/repositories/gc-run/artifacts/${image.digest}`)).status).toBe(200);
    const id = idFrom(await admin.post(`${GC}/schedule`, schedule('Manual', undefined, { dry_run: true, time_window: 0 })));
    expect(await finished(GC, id)).toMatchObject({ job_status: 'Success' });
    expect((await admin.get<string>(`${GC}/${id}/log`)).text).toMatch(/dry run: \d+ blobs .* would be deleted; nothing was deleted/);
    expect((await db.query(`SELECT 1 FROM blob WHERE digest = $1`, [sha(content)])).length).toBe(1);
  }, 60_000);

  it('refuses a second manual GC with 409 while one runs; stopping it ends it Stopped, then a new one may start', async () => {
    holdGc = true;
    try {
      const id = idFrom(await admin.post(`${GC}/schedule`, schedule('Manual')));
      const deadline = Date.now() + 10_000;
      while ((await admin.get<{ job_status: string }>(`${GC}/${id}`)).body.job_status !== 'Running') {
        if (Date.now() > deadline) throw new Error('GC never started');
        await new Promise((r) => setTimeout(r, 100));
      }
      const before = (await db.query(`SELECT count(*)::int AS n FROM execution`))[0].n;
      expectError(await admin.post(`${GC}/schedule`, schedule('Manual')), 409, 'CONFLICT', new RegExp(`already in progress \\(execution ${id}`));
      expect((await db.query(`SELECT count(*)::int AS n FROM execution`))[0].n).toBe(before);

      expect((await admin.put(`${GC}/${id}`)).status).toBe(200);
      expect(await finished(GC, id)).toMatchObject({ job_status: 'Stopped' });
    } finally {
      holdGc = false;
    }
    const next = await admin.post(`${GC}/schedule`, schedule('Manual', undefined, { time_window: 0 }));
    expect(next.status).toBe(201);
    expect(await finished(GC, idFrom(next))).toMatchObject({ job_status: 'Success' });
  }, 60_000);

  it('answers 404 for an execution of another kind and for an unknown id', async () => {
    const purge = idFrom(await admin.post(`${PURGE}/schedule`, schedule('Manual', undefined, { audit_retention_hour: 1, include_event_types: 'create_project', dry_run: true })));
    expectError(await admin.get(`${GC}/${purge}`), 404, 'NOT_FOUND');
    expectError(await admin.get(`${GC}/${purge}/log`), 404, 'NOT_FOUND');
    expectError(await admin.put(`${GC}/999999`), 404, 'NOT_FOUND');
    await finished(PURGE, purge);
  }, 30_000);
});

describe('GC schedule', () => {
  it('saves, reads back with the next run, changes and removes the schedule, and jobservice mirrors it', async () => {
    expect((await admin.get(`${GC}/schedule`)).body).toEqual({});
    expect((await admin.post(`${GC}/schedule`, schedule('Daily', '0 0 0 * * *', { delete_untagged: false, workers: 3 }))).status).toBe(201);
    const saved = await admin.get<Record<string, unknown>>(`${GC}/schedule`);
    expect(saved.body).toMatchObject({ job_kind: 'Daily', schedule: { type: 'Daily', cron: '0 0 0 * * *', next_scheduled_time: expect.any(String) } });
    expect(JSON.parse(String(saved.body.job_parameters))).toMatchObject({ delete_untagged: false, workers: 3 });
    // Jobservice's BullMQ scheduler follows the table.
    const queue = new Queue('GARBAGE_COLLECTION', { connection: redisOptions(jobs.config.redis), prefix: jobsPrefix(jobs.config.redis) });
    const schedulers = async () => (await queue.getJobSchedulers(0, -1)).map((s) => s.pattern);
    expect(await schedulers()).toEqual(['0 0 0 * * *']);

    expect((await admin.put(`${GC}/schedule`, schedule('Custom', '0 30 3 * * 6'))).status).toBe(200);
    expect((await admin.get(`${GC}/schedule`)).body).toMatchObject({ schedule: { type: 'Custom', cron: '0 30 3 * * 6' } });
    expect(await schedulers()).toEqual(['0 30 3 * * 6']);

    expect((await admin.put(`${GC}/schedule`, schedule('None'))).status).toBe(200);
    expect((await admin.get(`${GC}/schedule`)).body).toEqual({});
    expect(await db.query(`SELECT 1 FROM schedule WHERE vendor_type = 'GARBAGE_COLLECTION'`)).toEqual([]);
    expect(await schedulers()).toEqual([]);
    await queue.close();
  });
});

describe('audit log purge through jobservice', () => {
  it('purges rows older than the retention for the included event types; dry run counts only', async () => {
    await db.query(`DELETE FROM audit_log_ext`);
    await db.query(
      `INSERT INTO audit_log_ext (operation, resource_type, resource, username, op_time) VALUES
       ('create', 'project', 'old-a', 'admin', now() - interval '3 hours'),
       ('delete', 'project', 'old-b', 'admin', now() - interval '3 hours'),
       ('create', 'project', 'new-c', 'admin', now())`,
    );
    const dry = idFrom(await admin.post(`${PURGE}/schedule`, schedule('Manual', undefined, { audit_retention_hour: 2, include_event_types: 'create_project,delete_project', dry_run: true })));
    expect(await finished(PURGE, dry)).toMatchObject({ job_name: 'PURGE_AUDIT_LOG', job_status: 'Success' });
    expect((await admin.get<string>(`${PURGE}/${dry}/log`)).text).toMatch(/dry run: 2 audit log rows would be purged/);
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log_ext WHERE resource LIKE 'old-%' OR resource = 'new-c'`))[0].n).toBe(3);

    const real = idFrom(await admin.post(`${PURGE}/schedule`, schedule('Manual', undefined, { audit_retention_hour: 2, include_event_types: 'create_project', dry_run: false })));
    expect(await finished(PURGE, real)).toMatchObject({ job_status: 'Success' });
    const left = (await db.query(`SELECT resource FROM audit_log_ext WHERE resource LIKE 'old-%' OR resource = 'new-c' ORDER BY resource`)).map((r: { resource: string }) => r.resource);
    expect(left).toEqual(['new-c', 'old-b']);
    const history = await admin.get<unknown[]>(`${PURGE}?page_size=10`);
    expect(history.headers.get('x-total-count')).toBe(String(history.body.length));
    expect(history.body.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
