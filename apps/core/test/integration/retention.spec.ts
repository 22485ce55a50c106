import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { addMember, createProject, createUser, errorBody, ROLES, type TestUser } from './projects.fixtures';

// /api/v2.0/retentions: policy CRUD, validation, permissions and the schedule saved for a cron.

let stack: TestStack;
let admin: ApiClient;
let anon: ApiClient;
let db: DataSource;
let developer: TestUser;
let guest: TestUser;

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  developer = await createUser(db, 'dev');
  guest = await createUser(db, 'guest');
});
afterAll(() => stack.stop());

const rule = (over: Record<string, unknown> = {}) => ({
  disabled: false, action: 'retain', template: 'latestPushedK', params: { latestPushedK: 3 },
  tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**', extras: '{"untagged":true}' }],
  scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] },
  ...over,
});
const body = (projectId: number, over: Record<string, unknown> = {}) => ({
  algorithm: 'or', rules: [rule()], trigger: { kind: 'Schedule', settings: { cron: '' }, references: {} }, scope: { level: 'project', ref: projectId }, ...over,
});

async function project(): Promise<number> {
  const { id } = await createProject(admin);
  await addMember(db, id, developer.id, ROLES.developer);
  await addMember(db, id, guest.id, ROLES.guest);
  return id;
}

async function create(projectId: number, over: Record<string, unknown> = {}): Promise<number> {
  const res = await admin.post('/api/v2.0/retentions', body(projectId, over));
  if (res.status !== 201) throw new Error(`create retention: ${res.status} ${res.text}`);
  return Number(res.headers.get('location')!.split('/').pop());
}

const policyCount = async () => (await db.query(`SELECT count(*)::int AS n FROM retention_policy`))[0].n as number;
const retentionId = async (projectId: number) => (await db.query(`SELECT value FROM project_metadata WHERE project_id = $1 AND name = 'retention_id'`, [projectId]))[0]?.value;
const schedule = async (id: number) => (await db.query(`SELECT cron FROM schedule WHERE vendor_type = 'RETENTION' AND vendor_id = $1`, [id]))[0]?.cron;

describe('retention metadata', () => {
  it('lists the five templates and the doublestar selectors; anonymous is 401', async () => {
    const res = await admin.get('/api/v2.0/retentions/metadatas');
    expect(res.status).toBe(200);
    const meta = res.body as { templates: { rule_template: string }[]; tag_selectors: unknown[]; scope_selectors: unknown[] };
    expect(meta.templates.map((t) => t.rule_template)).toEqual(['latestPushedK', 'latestPulledN', 'nDaysSinceLastPush', 'nDaysSinceLastPull', 'always']);
    expect(meta.tag_selectors).toEqual([{ display_text: 'Tags', kind: 'doublestar', decorations: ['matches', 'excludes'] }]);
    expect(meta.scope_selectors).toEqual([{ display_text: 'Repositories', kind: 'doublestar', decorations: ['repoMatches', 'repoExcludes'] }]);
    expect((await anon.get('/api/v2.0/retentions/metadatas')).status).toBe(401);
  });
});

describe('retention policy CRUD', () => {
  it('creates with 201 and Location, links the project, reads it back', async () => {
    const projectId = await project();
    const res = await admin.post('/api/v2.0/retentions', body(projectId));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(/^\/api\/v2\.0\/retentions\/\d+$/);
    const id = Number(res.headers.get('location')!.split('/').pop());
    expect(await retentionId(projectId)).toBe(String(id));
    const got = await admin.get(`/api/v2.0/retentions/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ id, ...body(projectId), rules: [rule()] });
    expect(await schedule(id)).toBeUndefined();
  });

  it('saves the cron as the RETENTION schedule, changes it on update and removes it with the policy', async () => {
    const projectId = await project();
    const id = await create(projectId, { trigger: { kind: 'Schedule', settings: { cron: '0 0 0 * * *' } } });
    expect(await schedule(id)).toBe('0 0 0 * * *');
    const update = body(projectId, { trigger: { kind: 'Schedule', settings: { cron: '0 30 2 * * 1' } }, rules: [rule({ template: 'always', params: {} })] });
    expect((await admin.put(`/api/v2.0/retentions/${id}`, update)).status).toBe(200);
    expect(await schedule(id)).toBe('0 30 2 * * 1');
    expect((await admin.get(`/api/v2.0/retentions/${id}`)).body).toMatchObject({ rules: [{ template: 'always' }] });
    expect((await admin.put(`/api/v2.0/retentions/${id}`, body(projectId))).status).toBe(200);
    expect(await schedule(id)).toBeUndefined();
    expect((await admin.put(`/api/v2.0/retentions/${id}`, update)).status).toBe(200);
    expect((await admin.delete(`/api/v2.0/retentions/${id}`)).status).toBe(200);
    expect(await schedule(id)).toBeUndefined();
    expect(await retentionId(projectId)).toBeUndefined();
    expect(await admin.get(`/api/v2.0/retentions/${id}`)).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', `retention policy ${id} not found`) });
  });

  it('deleting the project removes its policy and its schedule row', async () => {
    const projectId = await project();
    const id = await create(projectId, { trigger: { kind: 'Schedule', settings: { cron: '0 0 0 * * *' } } });
    expect(await schedule(id)).toBe('0 0 0 * * *');
    expect((await admin.delete(`/api/v2.0/projects/${projectId}`)).status).toBe(200);
    expect(await schedule(id)).toBeUndefined();
    expect(await db.query(`SELECT 1 FROM retention_policy WHERE id = $1`, [id])).toEqual([]);
  });

  it('allows one policy per project: a second create is 409 and stores nothing', async () => {
    const projectId = await project();
    const id = await create(projectId);
    const before = await policyCount();
    expect(await admin.post('/api/v2.0/retentions', body(projectId))).toMatchObject({
      status: 409, body: errorBody('CONFLICT', `project: ${projectId} already has retention policy: ${id}`),
    });
    expect(await policyCount()).toBe(before);
  });

  it('refuses to move a policy to another project', async () => {
    const projectId = await project();
    const id = await create(projectId);
    const other = await project();
    expect(await admin.put(`/api/v2.0/retentions/${id}`, body(other))).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', 'the scope of a retention policy cannot change') });
    expect((await admin.get(`/api/v2.0/retentions/${id}`)).body).toMatchObject({ scope: { ref: projectId } });
  });

  it('answers 404 for an unknown policy or project and 400 for a bad id', async () => {
    expect(await admin.get('/api/v2.0/retentions/999999')).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', 'retention policy 999999 not found') });
    expect((await admin.put('/api/v2.0/retentions/999999', body(1))).status).toBe(404);
    expect((await admin.delete('/api/v2.0/retentions/999999')).status).toBe(404);
    expect((await admin.get('/api/v2.0/retentions/999999/executions')).status).toBe(404);
    expect(await admin.post('/api/v2.0/retentions', body(999999))).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', 'project 999999 not found') });
    expect(await admin.get('/api/v2.0/retentions/abc')).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', 'id in path must be of type int64: "abc"') });
  });
});

describe('retention policy validation', () => {
  let projectId: number;
  beforeAll(async () => {
    projectId = await project();
  });

  it.each([
    ['more than 15 rules', { rules: Array.from({ length: 16 }, (_, i) => rule({ params: { latestPushedK: i + 1 } })) }, 'only 15 rules are allowed at most'],
    ['an unknown template', { rules: [rule({ template: 'latestK' })] }, 'rule 0: unknown rule template: latestK'],
    ['latestPushedK without a positive integer', { rules: [rule({ params: { latestPushedK: -1 } })] }, 'rule 0: the parameter latestPushedK of the rule template latestPushedK must be a positive integer'],
    ['nDaysSinceLastPull without its parameter', { rules: [rule({ template: 'nDaysSinceLastPull', params: {} })] }, 'rule 0: the parameter nDaysSinceLastPull of the rule template nDaysSinceLastPull must be a positive integer'],
    ['a bad selector kind', { rules: [rule({ tag_selectors: [{ kind: 'regex', decoration: 'matches', pattern: '.*' }] })] }, 'rule 0: tag selector: unsupported selector kind "regex": only doublestar is supported'],
    ['a bad decoration', { rules: [rule({ scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }] } })] }, 'rule 0: scope selector: invalid selector decoration "matches": must be repoMatches or repoExcludes'],
    ['a bad pattern', { rules: [rule({ tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: 'v[1' }] })] }, 'rule 0: tag selector: invalid selector pattern "v[1": a character class is not closed'],
    ['two identical rules', { rules: [rule(), rule()] }, 'rule 1 is conflict with rule 0'],
    ['an algorithm other than or', { algorithm: 'and' }, 'invalid algorithm: and, only "or" is supported'],
    ['an invalid cron', { trigger: { kind: 'Schedule', settings: { cron: '0 0 25 * * *' } } }, 'invalid cron "0 0 25 * * *": Constraint error, got value 25 expected range 0-23'],
    ['a 5-field cron', { trigger: { kind: 'Schedule', settings: { cron: '0 0 * * *' } } }, 'invalid cron "0 0 * * *": expected 6 fields (second minute hour day-of-month month day-of-week), got 5'],
    ['no trigger', { trigger: undefined }, 'the trigger of a retention policy is required'],
    ['rules that are not a list', { rules: 'x' }, 'invalid request body: rules: Invalid input: expected array, received string'],
  ])('refuses %s with 400, storing nothing', async (_what, over, message) => {
    const before = await policyCount();
    expect(await admin.post('/api/v2.0/retentions', body(projectId, over))).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', message) });
    expect(await policyCount()).toBe(before);
    expect(await retentionId(projectId)).toBeUndefined();
  });

  it('refuses a bad update and keeps the stored policy and schedule', async () => {
    const other = await project();
    const id = await create(other, { trigger: { kind: 'Schedule', settings: { cron: '0 0 1 * * *' } } });
    const bad = body(other, { trigger: { kind: 'Schedule', settings: { cron: 'nonsense' } }, rules: [rule({ template: 'always', params: {} })] });
    expect((await admin.put(`/api/v2.0/retentions/${id}`, bad)).status).toBe(400);
    expect((await admin.get(`/api/v2.0/retentions/${id}`)).body).toMatchObject({ rules: [{ template: 'latestPushedK' }] });
    expect(await schedule(id)).toBe('0 0 1 * * *');
  });
});

describe('retention permissions', () => {
  it('lets a developer manage the policy; a guest gets 403, anonymous 401, and nothing changes', async () => {
    const projectId = await project();
    const asDev = anon.as(developer);
    const asGuest = anon.as(guest);
    const before = await policyCount();
    expect(await asGuest.post('/api/v2.0/retentions', body(projectId))).toMatchObject({ status: 403, body: errorBody('FORBIDDEN') });
    expect(await policyCount()).toBe(before);
    expect(await retentionId(projectId)).toBeUndefined();
    const res = await asDev.post('/api/v2.0/retentions', body(projectId));
    expect(res.status).toBe(201);
    const id = Number(res.headers.get('location')!.split('/').pop());
    expect((await asDev.get(`/api/v2.0/retentions/${id}`)).status).toBe(200);
    expect((await asGuest.get(`/api/v2.0/retentions/${id}`)).status).toBe(403);
    expect((await asGuest.put(`/api/v2.0/retentions/${id}`, body(projectId, { rules: [] }))).status).toBe(403);
    expect((await asGuest.delete(`/api/v2.0/retentions/${id}`)).status).toBe(403);
    expect((await asGuest.post(`/api/v2.0/retentions/${id}/executions`, { dry_run: true })).status).toBe(403);
    expect((await asGuest.get(`/api/v2.0/retentions/${id}/executions`)).status).toBe(403);
    expect((await anon.get(`/api/v2.0/retentions/${id}`)).status).toBe(401);
    expect((await admin.get(`/api/v2.0/retentions/${id}`)).body).toMatchObject({ rules: [{ template: 'latestPushedK' }] });
    expect((await asDev.delete(`/api/v2.0/retentions/${id}`)).status).toBe(200);
  });
});
