import type { JobContext } from '@harbor-ts/jobs';
import { Pool } from 'pg';
import pino from 'pino';
import { createDataSource, runMigrations } from '../../../../core/src/db/data-source';
import { createTestDatabase, type TestDatabase } from '../../../../core/test/support/test-database';
import { createPurgeAuditHandler } from './purge-audit.handler';
import { InvalidPurgeParams } from './purge-audit.params';

// The PURGE_AUDIT_LOG handler against a real database carrying core's schema, called directly
// with a hand-built JobContext.

let database: TestDatabase;
let db: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = { host: '127.0.0.1', port: 5432, database: database.name, user: 'postgres', password: '', ssl: false, poolMax: 2, idleTimeoutMs: 1_000 };
  const ds = createDataSource(config);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  db = new Pool({ host: config.host, port: config.port, database: config.database, user: config.user, max: 2 });
});
afterAll(async () => {
  await db.end();
  await database.drop();
});
beforeEach(() => db.query('TRUNCATE audit_log_ext'));

const HOUR = 3_600_000;

/** One row per [operation, resource_type, hours ago]. */
async function seed(rows: [string, string, number][]): Promise<void> {
  for (const [operation, resourceType, hoursAgo] of rows) {
    await db.query(
      `INSERT INTO audit_log_ext (operation, resource_type, resource, username, op_time) VALUES ($1, $2, 'r', 'admin', $3)`,
      [operation, resourceType, new Date(Date.now() - hoursAgo * HOUR)],
    );
  }
}

async function remaining(): Promise<string[]> {
  const { rows } = await db.query<{ e: string }>(`SELECT operation || '_' || resource_type || '@' || round(extract(epoch FROM now() - op_time) / 3600) AS e FROM audit_log_ext ORDER BY op_time`);
  return rows.map((r) => r.e);
}

interface Run {
  ctx: JobContext<Record<string, unknown>>;
  lines: string[];
  progress: [number, number | undefined][];
  controller: AbortController;
}

function context(params: Record<string, unknown>, onProgress?: (done: number, run: Run) => void): Run {
  const controller = new AbortController();
  const run: Run = { lines: [], progress: [], controller, ctx: undefined as unknown as Run['ctx'] };
  run.ctx = {
    type: 'PURGE_AUDIT_LOG', executionId: 1, taskId: 1, params, attempt: 1, signal: controller.signal,
    log: (line) => run.lines.push(line),
    progress: async (done, total) => {
      run.progress.push([done, total]);
      onProgress?.(done, run);
    },
  };
  return run;
}

const handler = (batchSize?: number) => createPurgeAuditHandler({ db, log: pino({ level: 'silent' }), batchSize });

describe('PURGE_AUDIT_LOG handler', () => {
  it('deletes the included event types older than the retention, and nothing else', async () => {
    await seed([['create', 'artifact', 30], ['pull', 'artifact', 30], ['login', 'user', 30], ['create', 'artifact', 1], ['delete', 'project', 50]]);
    const run = context({ audit_retention_hour: 24, include_event_types: 'create_artifact, Login_User,delete_project', dry_run: false });
    expect(await handler()(run.ctx)).toEqual({ purged: 3, dry_run: false });
    expect(await remaining()).toEqual(['pull_artifact@30', 'create_artifact@1']);
    expect(run.progress).toEqual([[0, 3], [3, 3]]);
    expect(run.lines[0]).toMatch(/older than 24 hours .* event types: create_artifact, login_user, delete_project$/);
    expect(run.lines.at(-1)).toBe('purged 3 audit log rows');
  });

  it('deletes in batches of the given size, reporting progress after each', async () => {
    await seed(Array.from({ length: 7 }, (): [string, string, number] => ['pull', 'artifact', 10]));
    const run = context({ audit_retention_hour: 5, include_event_types: 'pull_artifact' });
    expect(await handler(3)(run.ctx)).toEqual({ purged: 7, dry_run: false });
    expect(run.progress).toEqual([[0, 7], [3, 7], [6, 7], [7, 7]]);
    expect(run.lines.filter((l) => l.startsWith('deleted'))).toEqual(['deleted 3 rows (3 of 7)', 'deleted 3 rows (6 of 7)', 'deleted 1 rows (7 of 7)']);
    expect(await remaining()).toEqual([]);
  });

  it('only counts in a dry run', async () => {
    await seed([['pull', 'artifact', 10], ['pull', 'artifact', 10], ['pull', 'artifact', 1]]);
    const run = context({ audit_retention_hour: 5, include_event_types: 'pull_artifact', dry_run: true });
    expect(await handler()(run.ctx)).toEqual({ purged: 2, dry_run: true });
    expect(await remaining()).toHaveLength(3);
    expect(run.lines.at(-1)).toBe('dry run: 2 audit log rows would be purged');
  });

  it('purges nothing when no event type is included (Harbor: an empty list purges nothing)', async () => {
    await seed([['pull', 'artifact', 100]]);
    const run = context({ audit_retention_hour: 1, include_event_types: '' });
    expect(await handler()(run.ctx)).toEqual({ purged: 0, dry_run: false });
    expect(await remaining()).toEqual(['pull_artifact@100']);
  });

  it('stops between batches when the job is stopped, keeping what is not yet deleted', async () => {
    await seed(Array.from({ length: 5 }, (): [string, string, number] => ['pull', 'artifact', 10]));
    const run = context({ audit_retention_hour: 5, include_event_types: 'pull_artifact' }, (done, r) => {
      if (done === 2) r.controller.abort();
    });
    await expect(handler(2)(run.ctx)).rejects.toThrow();
    expect(await remaining()).toHaveLength(3);
    expect(run.lines.at(-1)).toBe('stopped after purging 2 rows');
  });

  it.each([
    [{ audit_retention_hour: 0, include_event_types: 'pull_artifact' }],
    [{ audit_retention_hour: '24', include_event_types: 'pull_artifact' }],
    [{ include_event_types: 'pull_artifact' }],
    [{ audit_retention_hour: 24, include_event_types: ['pull_artifact'] }],
    [{ audit_retention_hour: 24, include_event_types: 'pull_artifact', dry_run: 'yes' }],
  ])('refuses bad params %j without touching a row', async (params) => {
    await seed([['pull', 'artifact', 100]]);
    await expect(handler()(context(params).ctx)).rejects.toThrow(InvalidPurgeParams);
    expect(await remaining()).toHaveLength(1);
  });
});
