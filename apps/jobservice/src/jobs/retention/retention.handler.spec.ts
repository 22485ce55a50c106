import type { JobContext, RetentionRule } from '@harbor-ts/jobs';
import { Pool } from 'pg';
import pino from 'pino';
import { createDataSource, runMigrations } from '../../../../core/src/db/data-source';
import { createTestDatabase, type TestDatabase } from '../../../../core/test/support/test-database';
import { expandRetentionRun } from './expand-run';
import { createRetentionHandler } from './retention.handler';

// The RETENTION handler against a real database carrying core's schema, called directly with
// a hand-built JobContext.

let database: TestDatabase;
let db: Pool;
let projectId: number;
const handler = () => createRetentionHandler({ db, log: pino({ level: 'silent' }) });

beforeAll(async () => {
  database = await createTestDatabase();
  const config = { host: '127.0.0.1', port: 5432, database: database.name, user: 'postgres', password: '', ssl: false, poolMax: 2, idleTimeoutMs: 1_000 };
  const ds = createDataSource(config);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  db = new Pool({ host: config.host, port: config.port, database: config.database, user: config.user, max: 3 });
  projectId = (await db.query(`INSERT INTO project (name) VALUES ('ret') RETURNING project_id`)).rows[0].project_id;
  await db.query(`INSERT INTO quota (reference, reference_id) VALUES ('project', $1)`, [String(projectId)]);
});
afterAll(async () => {
  await db.end();
  await database.drop();
});
beforeEach(async () => {
  await db.query('TRUNCATE retention_policy, immutable_tag_rule, artifact_blob, project_blob, blob, repository CASCADE');
  await db.query(`UPDATE quota SET used_storage = 0`);
});

const ALL = { kind: 'doublestar', decoration: 'matches', pattern: '**', extras: '{"untagged":true}' };
const rule = (template: string, n?: number, repoPattern = '**'): RetentionRule => ({
  action: 'retain', template, params: n === undefined ? {} : { [template]: n }, tag_selectors: [ALL],
  scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: repoPattern }] },
});

async function policy(rules: RetentionRule[]): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO retention_policy (scope_reference, trigger, data) VALUES ($1, $2, $3) RETURNING id`,
    [projectId, JSON.stringify({ kind: 'Schedule', settings: { cron: '' } }), JSON.stringify({ algorithm: 'or', rules })],
  );
  return rows[0].id;
}

async function repository(name: string): Promise<number> {
  return (await db.query(`INSERT INTO repository (name, project_id) VALUES ($1, $2) RETURNING repository_id`, [`ret/${name}`, projectId])).rows[0].repository_id;
}

/** An artifact pushed `daysAgo` with its tags and one blob of its own (size 100) plus a shared one (size 7). */
async function artifact(repoId: number, digest: string, tags: string[], daysAgo: number): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO artifact (project_id, repository_id, repository_name, digest, type, media_type, manifest_media_type, push_time)
     SELECT $1, $2, name, $3, 'IMAGE', 'application/vnd.oci.image.config.v1+json', 'application/vnd.oci.image.manifest.v1+json', now() - make_interval(days => $4)
     FROM repository WHERE repository_id = $2 RETURNING id`,
    [projectId, repoId, digest, daysAgo],
  );
  for (const tag of tags) await db.query(`INSERT INTO tag (repository_id, artifact_id, name) VALUES ($1, $2, $3)`, [repoId, rows[0].id, tag]);
  for (const [blob, size] of [[`${digest}-layer`, 100], ['sha256:shared', 7]] as const) {
    await db.query(`INSERT INTO blob (digest, size) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [blob, size]);
    await db.query(`INSERT INTO artifact_blob (digest_af, digest_blob) VALUES ($1, $2)`, [digest, blob]);
    await db.query(`INSERT INTO project_blob (project_id, blob_id) SELECT $1, id FROM blob WHERE digest = $2 ON CONFLICT DO NOTHING`, [projectId, blob]);
  }
  await db.query(`UPDATE quota SET used_storage = (SELECT sum(b.size) FROM project_blob pb JOIN blob b ON b.id = pb.blob_id WHERE pb.project_id = $1)`, [projectId]);
  return rows[0].id;
}

function context(params: Record<string, unknown>): { ctx: JobContext<Record<string, unknown>>; lines: string[]; controller: AbortController } {
  const lines: string[] = [];
  const controller = new AbortController();
  const ctx: JobContext<Record<string, unknown>> = {
    type: 'RETENTION', executionId: 1, taskId: 1, params, attempt: 1, signal: controller.signal,
    log: (line) => void lines.push(line),
    progress: async () => undefined,
  };
  return { ctx, lines, controller };
}

const digests = async () => (await db.query(`SELECT digest FROM artifact ORDER BY digest`)).rows.map((r) => r.digest);
const usage = async () => Number((await db.query(`SELECT used_storage FROM quota WHERE reference_id = $1`, [String(projectId)])).rows[0].used_storage);

describe('RETENTION handler', () => {
  it('latestPushedK=1 keeps the newest and deletes the rest with their tags, blob links and usage', async () => {
    const repo = await repository('app');
    await artifact(repo, 'sha256:new', ['v3'], 1);
    await artifact(repo, 'sha256:mid', ['v2'], 2);
    await artifact(repo, 'sha256:old', [], 3);
    const id = await policy([rule('latestPushedK', 1)]);
    expect(await usage()).toBe(307);
    const { ctx, lines } = context({ policyId: id, repository: 'ret/app', dryRun: false });
    expect(await handler()(ctx)).toEqual({ repository: 'ret/app', total: 3, retained: 1, deleted: 2, dryRun: false });
    expect(await digests()).toEqual(['sha256:new']);
    expect((await db.query(`SELECT name FROM tag`)).rows).toEqual([{ name: 'v3' }]);
    expect((await db.query(`SELECT DISTINCT digest_af FROM artifact_blob`)).rows).toEqual([{ digest_af: 'sha256:new' }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM project_blob`)).rows[0].n).toBe(2);
    expect(await usage()).toBe(107); // the shared blob stays charged: the kept artifact holds it
    expect(lines.filter((l) => l.startsWith('DELETED'))).toHaveLength(2);
    expect(lines.some((l) => l.startsWith('RETAINED sha256:new tags=v3'))).toBe(true);
  });

  it('a dry run logs what it would delete and deletes nothing', async () => {
    const repo = await repository('app');
    await artifact(repo, 'sha256:a', ['1'], 1);
    await artifact(repo, 'sha256:b', ['2'], 2);
    const id = await policy([rule('latestPushedK', 1)]);
    const { ctx, lines } = context({ policyId: id, repository: 'ret/app', dryRun: true });
    expect(await handler()(ctx)).toEqual({ repository: 'ret/app', total: 2, retained: 1, deleted: 1, dryRun: true });
    expect(await digests()).toEqual(['sha256:a', 'sha256:b']);
    expect(await usage()).toBe(207);
    expect(lines).toContainEqual(expect.stringMatching(/^DELETE \(dry run\) sha256:b tags=2/));
  });

  it('keeps an artifact an immutable tag rule protects', async () => {
    const repo = await repository('app');
    await artifact(repo, 'sha256:new', ['dev'], 1);
    await artifact(repo, 'sha256:rel', ['release-1'], 5);
    await artifact(repo, 'sha256:old', ['dev-old'], 6);
    await db.query(`INSERT INTO immutable_tag_rule (project_id, tag_filter) VALUES ($1, $2)`, [projectId, JSON.stringify({
      priority: 0, action: 'immutable', template: 'immutable_template',
      tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: 'release-*' }],
      scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] },
    })]);
    const id = await policy([rule('latestPushedK', 1)]);
    const { ctx, lines } = context({ policyId: id, repository: 'ret/app', dryRun: false });
    expect(await handler()(ctx)).toMatchObject({ total: 3, retained: 2, deleted: 1 });
    expect(await digests()).toEqual(['sha256:new', 'sha256:rel']);
    expect(lines).toContainEqual(expect.stringMatching(/^RETAINED \(immutable\) sha256:rel/));
  });

  it('deletes an index with its untagged children and its accessories', async () => {
    const repo = await repository('app');
    await artifact(repo, 'sha256:new', ['v2'], 1);
    const index = await artifact(repo, 'sha256:index', ['v1'], 3);
    const child = await artifact(repo, 'sha256:child', [], 3);
    const sig = await artifact(repo, 'sha256:sig', [], 3);
    await db.query(`INSERT INTO artifact_reference (parent_id, child_id, child_digest) VALUES ($1, $2, 'sha256:child')`, [index, child]);
    await db.query(
      `INSERT INTO artifact_accessory (artifact_id, subject_artifact_id, subject_artifact_digest, subject_artifact_repo, type, digest)
       VALUES ($1, $2, 'sha256:index', 'ret/app', 'signature.cosign', 'sha256:sig')`, [sig, index]);
    const id = await policy([rule('latestPushedK', 1)]);
    // Children and accessories are not candidates of their own: two candidates, one deleted.
    expect(await handler()(context({ policyId: id, repository: 'ret/app' }).ctx)).toMatchObject({ total: 2, retained: 1, deleted: 1 });
    expect(await digests()).toEqual(['sha256:new']);
    expect(await usage()).toBe(107);
  });

  it('leaves a repository no rule chooses untouched, and a vanished repository is a no-op', async () => {
    const repo = await repository('keep');
    await artifact(repo, 'sha256:a', ['1'], 1);
    await artifact(repo, 'sha256:b', ['2'], 2);
    const id = await policy([rule('latestPushedK', 1, 'other')]);
    expect(await handler()(context({ policyId: id, repository: 'ret/keep' }).ctx)).toMatchObject({ total: 2, retained: 2, deleted: 0 });
    const gone = context({ policyId: id, repository: 'ret/gone' });
    expect(await handler()(gone.ctx)).toMatchObject({ total: 0, deleted: 0 });
    expect(gone.lines).toEqual(['repository ret/gone no longer exists in the project; nothing to do']);
    expect(await digests()).toEqual(['sha256:a', 'sha256:b']);
  });

  it('stops between deletions when asked, leaving the rest', async () => {
    const repo = await repository('app');
    for (let i = 0; i < 4; i++) await artifact(repo, `sha256:${i}`, [String(i)], i + 1);
    const id = await policy([rule('latestPushedK', 1)]);
    const run = context({ policyId: id, repository: 'ret/app' });
    run.controller.abort();
    await expect(handler()(run.ctx)).rejects.toThrow('retention of ret/app stopped after 0 deletions');
    expect(await digests()).toHaveLength(4);
  });

  it('fails visibly on bad params or a deleted policy', async () => {
    await expect(handler()(context({ policyId: 'x', repository: 'ret/app' }).ctx)).rejects.toThrow('invalid retention params: policyId x');
    await expect(handler()(context({ policyId: 1, repository: 'app' }).ctx)).rejects.toThrow('invalid retention params: repository app');
    await expect(handler()(context({ policyId: 99999, repository: 'ret/app' }).ctx)).rejects.toThrow('retention policy 99999 not found');
  });
});

describe('expandRetentionRun', () => {
  it('gives one task per repository an enabled rule chooses', async () => {
    await repository('web');
    await repository('cache/web');
    await repository('db');
    const id = await policy([rule('always', undefined, '*web*'), { ...rule('always', undefined, 'db'), disabled: true }]);
    expect(await expandRetentionRun(db, id)).toEqual([
      { policyId: id, repository: 'ret/web', dryRun: false },
    ]);
    expect(await expandRetentionRun(db, id + 1000)).toEqual([]);
  });
});
