import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { filterOf, ruleBody, ruleRows, rulesPath } from './immutable-fixtures';
import { type RoleName, type TestUser, createProject, errorBody, membersByRole } from './projects.fixtures';

let stack: TestStack;
let admin: ApiClient;
let anon: ApiClient;
let db: DataSource;
let project: { id: number; name: string };
const users = {} as Record<RoleName | 'outsider', TestUser>;

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  project = await createProject(admin);
  Object.assign(users, await membersByRole(db, project.id));
});
afterAll(() => stack.stop());

async function create(api: ApiClient, p: { id: number }, body: unknown): Promise<number> {
  const res = await api.post(rulesPath(p.id), body);
  if (res.status !== 201) throw new Error(`create rule: ${res.status} ${res.text}`);
  return Number(res.headers.get('location')!.split('/').pop());
}

describe('immutable tag rule CRUD', () => {
  let p: { id: number; name: string };
  beforeEach(async () => {
    p = await createProject(admin);
  });

  it('creates a rule with 201 and Location, and lists it in Harbor\'s shape', async () => {
    const res = await admin.post(rulesPath(p.name), ruleBody('v*', 'app/**'), { 'X-Is-Resource-Name': 'true' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/api/v2\\.0/projects/${p.name}/immutabletagrules/\\d+$`));
    const id = Number(res.headers.get('location')!.split('/').pop());
    const list = await admin.get(rulesPath(p.id));
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(list.body).toEqual([{ id, ...ruleBody('v*', 'app/**') }]);
  });

  it('fills in action and template, and keeps extras and priority', async () => {
    const body = {
      priority: 3,
      tag_selectors: [{ kind: 'doublestar', decoration: 'excludes', pattern: 'dev-*', extras: '{"untagged":false}' }],
      scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoExcludes', pattern: 'tmp' }] },
    };
    const id = await create(admin, p, body);
    expect((await admin.get(rulesPath(p.id))).body).toEqual([{ id, disabled: false, action: 'immutable', template: 'immutable_template', ...body }]);
  });

  it('updates the selectors, and a body without selectors only toggles the rule', async () => {
    const id = await create(admin, p, ruleBody('v*'));
    expect((await admin.put(`${rulesPath(p.id)}/${id}`, ruleBody('release-*', 'svc'))).status).toBe(200);
    expect((await admin.put(`${rulesPath(p.id)}/${id}`, { disabled: true })).status).toBe(200);
    expect((await admin.get(rulesPath(p.id))).body).toEqual([{ id, ...ruleBody('release-*', 'svc', { disabled: true }) }]);
    expect((await admin.put(`${rulesPath(p.id)}/${id}`, { id: 999, disabled: false })).status).toBe(200);
    expect((await ruleRows(db, p.id))[0]).toMatchObject({ id, disabled: false });
  });

  it('deletes a rule; the rule is then 404 for update and delete', async () => {
    const id = await create(admin, p, ruleBody('v*'));
    expect((await admin.delete(`${rulesPath(p.id)}/${id}`)).status).toBe(200);
    expect(await ruleRows(db, p.id)).toEqual([]);
    const message = `immutable tag rule ${id} not found in project ${p.name}`;
    expect(await admin.delete(`${rulesPath(p.id)}/${id}`)).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', message) });
    expect(await admin.put(`${rulesPath(p.id)}/${id}`, ruleBody('x'))).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', message) });
  });

  it('does not reach a rule through another project', async () => {
    const id = await create(admin, p, ruleBody('v*'));
    expect((await admin.delete(`${rulesPath(project.id)}/${id}`)).status).toBe(404);
    expect(await ruleRows(db, p.id)).toHaveLength(1);
  });

  it('refuses a duplicate with 409 on create and on update, whatever the key order or priority', async () => {
    const first = await create(admin, p, ruleBody('v*'));
    const second = await create(admin, p, ruleBody('v*', 'other'));
    const reordered = { scope_selectors: { repository: [{ pattern: '**', decoration: 'repoMatches', kind: 'doublestar' }] }, priority: 9, tag_selectors: [{ pattern: 'v*', kind: 'doublestar', decoration: 'matches' }] };
    const message = `an immutable tag rule with the same selectors already exists in project ${p.name}`;
    expect(await admin.post(rulesPath(p.id), reordered)).toMatchObject({ status: 409, body: errorBody('CONFLICT', message) });
    expect(await admin.put(`${rulesPath(p.id)}/${second}`, ruleBody('v*'))).toMatchObject({ status: 409, body: errorBody('CONFLICT', message) });
    expect((await ruleRows(db, p.id)).map((r) => r.id)).toEqual([first, second]);
    expect((await ruleRows(db, p.id))[1].filter).toEqual(filterOf(ruleBody('v*', 'other')));
  });

  it(`allows 15 rules per project and refuses the 16th with 400`, async () => {
    for (let i = 0; i < 15; i++) await create(admin, p, ruleBody(`t${i}`));
    expect(await admin.post(rulesPath(p.id), ruleBody('t15'))).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', 'a project can have at most 15 immutable tag rules') });
    expect(await ruleRows(db, p.id)).toHaveLength(15);
    const page = await admin.get(`${rulesPath(p.id)}?page=2&page_size=10&sort=-id`);
    expect(page.headers.get('x-total-count')).toBe('15');
    expect(page.headers.get('link')).toContain('rel="prev"');
    expect((page.body as { tag_selectors: { pattern: string }[] }[]).map((r) => r.tag_selectors[0].pattern)).toEqual(['t4', 't3', 't2', 't1', 't0']);
  });

  it('filters the list with q', async () => {
    await create(admin, p, ruleBody('on'));
    const off = await create(admin, p, ruleBody('off', '**', { disabled: true }));
    const res = await admin.get(`${rulesPath(p.id)}?q=disabled=true`);
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.body).toEqual([expect.objectContaining({ id: off })]);
    expect((await admin.get(`${rulesPath(p.id)}?q=name=x`)).status).toBe(400);
  });

  it('goes with its project', async () => {
    await create(admin, p, ruleBody('v*'));
    expect((await admin.delete(`/api/v2.0/projects/${p.id}`)).status).toBe(200);
    expect(await ruleRows(db, p.id)).toEqual([]);
  });
});

describe('immutable tag rule validation', () => {
  const sel = (decoration: string, pattern: string, kind = 'doublestar') => ({ kind, decoration, pattern });
  const tags = (s: unknown) => ({ ...ruleBody('x'), tag_selectors: s });
  const scopes = (s: unknown) => ({ ...ruleBody('x'), scope_selectors: s });

  it.each([
    ['no tag selector', tags([]), 'only support one tagSelector'],
    ['two tag selectors', tags([sel('matches', 'a'), sel('matches', 'b')]), 'only support one tagSelector'],
    ['no scope selector', scopes({}), 'only support one scopeSelector'],
    ['two repository selectors', scopes({ repository: [sel('repoMatches', 'a'), sel('repoMatches', 'b')] }), 'only support one scopeSelector'],
    ['a scope other than repository', scopes({ namespace: [sel('repoMatches', 'a')] }), 'unsupported scope selector "namespace": only repository is supported'],
    ['a regex tag selector', tags([sel('matches', 'a', 'regex')]), 'invalid tag selector: unsupported selector kind "regex": only doublestar is supported'],
    ['a repository decoration on tags', tags([sel('repoMatches', 'a')]), 'invalid tag selector: invalid selector decoration "repoMatches": must be matches or excludes'],
    ['a tag decoration on repositories', scopes({ repository: [sel('matches', 'a')] }), 'invalid repository selector: invalid selector decoration "matches": must be repoMatches or repoExcludes'],
    ['an empty pattern', tags([sel('matches', '')]), 'invalid tag selector: selector pattern cannot be empty'],
    ['an unclosed class', tags([sel('matches', 'v[0-9')]), 'invalid tag selector: invalid selector pattern "v[0-9": a character class is not closed'],
    ['an unclosed brace', scopes({ repository: [sel('repoMatches', '{a,b')] }), 'invalid repository selector: invalid selector pattern "{a,b": a brace is not closed'],
    ['bad extras', tags([{ ...sel('matches', 'a'), extras: 'nope' }]), 'invalid tag selector: invalid selector extras "nope": not JSON'],
    ['another action', { ...ruleBody('x'), action: 'retain' }, 'unsupported action "retain": must be immutable'],
    ['another template', { ...ruleBody('x'), template: 'always' }, 'unsupported template "always": must be immutable_template'],
    ['a wrong type', { ...ruleBody('x'), disabled: 'yes' }, undefined],
  ])('refuses %s with 400 and stores nothing', async (_what, body, message) => {
    const res = await admin.post(rulesPath(project.id), body);
    expect(res).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', message) });
    expect(await ruleRows(db, project.id)).toEqual([]);
  });

  it('validates updates the same way and leaves the rule as it was', async () => {
    const id = await create(admin, project, ruleBody('keep'));
    const res = await admin.put(`${rulesPath(project.id)}/${id}`, tags([sel('matches', '{x')]));
    expect(res).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', 'invalid tag selector: invalid selector pattern "{x": a brace is not closed') });
    expect((await ruleRows(db, project.id))[0].filter).toEqual(filterOf(ruleBody('keep')));
    await admin.delete(`${rulesPath(project.id)}/${id}`);
  });

  it.each(['abc', '-1', '1.5'])('refuses the rule id %s with 400', async (id) => {
    expect(await admin.put(`${rulesPath(project.id)}/${id}`, ruleBody('x'))).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', `immutable_rule_id in path must be of type int64: "${id}"`) });
  });

  it('answers 404 for an unknown project to an admin and 403 to others', async () => {
    expect(await admin.get(rulesPath('nosuchproject'))).toMatchObject({ status: 404, body: errorBody('NOT_FOUND') });
    expect((await anon.as(users.maintainer).get(rulesPath('nosuchproject'))).status).toBe(403);
  });
});

describe('immutable tag rule permissions (Harbor: projectAdmin and maintainer CUDL, others nothing)', () => {
  it.each(['projectAdmin', 'maintainer'] as const)('lets a %s create, list, update and delete', async (role) => {
    const api = anon.as(users[role]);
    const id = await create(api, project, ruleBody(`by-${role}`));
    expect((await api.get(rulesPath(project.id))).body).toEqual([expect.objectContaining({ id })]);
    expect((await api.put(`${rulesPath(project.id)}/${id}`, { disabled: true })).status).toBe(200);
    expect((await api.delete(`${rulesPath(project.id)}/${id}`)).status).toBe(200);
  });

  it.each(['developer', 'guest', 'limitedGuest', 'outsider'] as const)('refuses a %s everything with 403 and changes nothing', async (who) => {
    const id = await create(admin, project, ruleBody(`guarded-${who}`));
    const api = anon.as(users[who]);
    for (const res of [
      await api.get(rulesPath(project.id)),
      await api.post(rulesPath(project.id), ruleBody('other')),
      await api.put(`${rulesPath(project.id)}/${id}`, { disabled: true }),
      await api.delete(`${rulesPath(project.id)}/${id}`),
    ]) {
      expect(res).toMatchObject({ status: 403, body: errorBody('FORBIDDEN') });
    }
    expect(await ruleRows(db, project.id)).toEqual([expect.objectContaining({ id, disabled: false })]);
    await admin.delete(`${rulesPath(project.id)}/${id}`);
  });

  it('asks anonymous callers to authenticate', async () => {
    expect((await anon.get(rulesPath(project.id))).status).toBe(401);
    expect((await anon.post(rulesPath(project.id), ruleBody('x'))).status).toBe(401);
    expect(await ruleRows(db, project.id)).toEqual([]);
  });
});
