import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { createProject, errorOf, mustCreate, projectRobot, systemRobot } from './robots-helpers';

let stack: TestStack;
let api: ApiClient;
let db: DataSource;
let project: { id: number; name: string };

beforeAll(async () => {
  stack = await startTestStack();
  api = new ApiClient(stack.url, ADMIN);
  db = stack.core.deps.db;
  project = await createProject(db);
});
afterAll(() => stack.stop());

const robotCount = async (): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM robot`))[0].n);

describe('robot accounts: invalid requests', () => {
  it('refuses bad create payloads with 400 and creates nothing', async () => {
    const perm = (extra: Record<string, unknown>) => projectRobot(project.name, [['repository', 'pull']], extra);
    const cases: [Record<string, unknown>, string][] = [
      [perm({ name: 'Upper' }), 'robot name is not in lower case or contains illegal characters'],
      [perm({ name: 'a+b' }), 'robot name is not in lower case or contains illegal characters'],
      [perm({ name: 'x'.repeat(256 - project.name.length) }), 'robot name must be at most 255 characters long'],
      [perm({ duration: -2 }), 'bad request error duration input: -2, duration must be either -1(Never) or a positive integer'],
      [perm({ level: 'galaxy' }), 'bad request error level input: galaxy'],
      [perm({ permissions: [] }), 'bad request empty permission'],
      [perm({ permissions: [{ kind: 'project', namespace: project.name, access: [] }] }), 'bad request empty access'],
      [perm({ permissions: [{ kind: 'project', namespace: project.name, access: [{ resource: 'user', action: 'create' }] }] }), 'bad request permission: user:create'],
      [systemRobot([['project', 'list']], { permissions: [{ kind: 'system', namespace: 'x', access: [{ resource: 'project', action: 'list' }] }] }), 'unknown namespace'],
      [perm({ permissions: [1, 2].map(() => ({ kind: 'project', namespace: project.name, access: [{ resource: 'repository', action: 'pull' }] })) }), 'bad request permission'],
      [perm({ secret: 'short1A' }), 'the secret must be 8-128, inclusively, characters long with at least 1 uppercase letter, 1 lowercase letter and 1 number'],
      [perm({ extra: true }), 'invalid request body: unknown field(s) extra'],
      [perm({ duration: 'long' }), 'invalid request body: duration: Invalid input: expected number, received string'],
    ];
    for (const [body, message] of cases) {
      const res = await api.post('/api/v2.0/robots', body);
      expect([res.status, errorOf(res)]).toEqual([400, { code: 'BAD_REQUEST', message }]);
    }
    const notJson = await api.post('/api/v2.0/robots', '[1]');
    expect(notJson.status).toBe(400);
    expect(await robotCount()).toBe(0);
  });

  it('answers 404 for a project that does not exist and 409 for a duplicate name', async () => {
    const missing = await api.post('/api/v2.0/robots', projectRobot('no-such-project', [['repository', 'pull']]));
    expect([missing.status, errorOf(missing)]).toEqual([404, { code: 'NOT_FOUND', message: 'project no-such-project not found' }]);
    const sysMissing = await api.post('/api/v2.0/robots', {
      ...systemRobot([]), permissions: [{ kind: 'project', namespace: 'ghost', access: [{ resource: 'repository', action: 'pull' }] }],
    });
    expect([sysMissing.status, errorOf(sysMissing).code]).toEqual([404, 'NOT_FOUND']);
    const body = projectRobot(project.name, [['repository', 'pull']]);
    const first = await mustCreate(api, body);
    const dup = await api.post('/api/v2.0/robots', body);
    expect([dup.status, errorOf(dup)]).toEqual([409, { code: 'CONFLICT', message: `robot account ${first.name} already exists` }]);
    // The same short name in another project, or as a system robot, is a different robot.
    const other = await createProject(db);
    await mustCreate(api, { ...body, permissions: [{ kind: 'project', namespace: other.name, access: [{ resource: 'repository', action: 'pull' }] }] });
    await mustCreate(api, { ...systemRobot([['project', 'list']]), name: body.name });
  });

  it('answers 401 to anonymous callers on every endpoint, before looking at the body', async () => {
    const anon = api.as(undefined);
    const calls = [anon.get('/api/v2.0/robots'), anon.post('/api/v2.0/robots', { junk: 1 }), anon.get('/api/v2.0/robots/1'),
      anon.put('/api/v2.0/robots/1', {}), anon.patch('/api/v2.0/robots/1', {}), anon.delete('/api/v2.0/robots/1')];
    for (const res of await Promise.all(calls)) expect([res.status, errorOf(res).code]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('checks robot ids: not a number 400, unknown 404', async () => {
    const bad = await api.get('/api/v2.0/robots/abc');
    expect([bad.status, errorOf(bad).code]).toEqual([400, 'BAD_REQUEST']);
    for (const id of ['999999', '99999999999']) {
      const res = await api.get(`/api/v2.0/robots/${id}`);
      expect([res.status, errorOf(res)]).toEqual([404, { code: 'NOT_FOUND', message: `robot ${id} not found` }]);
    }
    expect((await api.put('/api/v2.0/robots/999999', systemRobot([['project', 'list']]))).status).toBe(404);
    expect((await api.patch('/api/v2.0/robots/999999', {})).status).toBe(404);
  });
});

describe('robot accounts: listing', () => {
  let listed: { project: { id: number; name: string }; names: string[] };

  beforeAll(async () => {
    const own = await createProject(db);
    const names: string[] = [];
    for (const n of ['alpha', 'beta', 'gamma']) names.push((await mustCreate(api, projectRobot(own.name, [['repository', 'pull']], { name: n }))).name);
    listed = { project: own, names };
  });

  it('lists a project\'s robots with q=Level=project,ProjectID=<id>, newest first, paged', async () => {
    const q = `q=Level=project,ProjectID=${listed.project.id}`;
    const all = await api.get<{ name: string; secret?: string }[]>(`/api/v2.0/robots?${q}`);
    expect(all.status).toBe(200);
    expect(all.headers.get('x-total-count')).toBe('3');
    expect(all.body.map((r) => r.name)).toEqual([...listed.names].reverse());
    expect(all.body.every((r) => r.secret === undefined)).toBe(true);
    const page = await api.get<{ name: string }[]>(`/api/v2.0/robots?${q}&page=2&page_size=1&sort=name`);
    expect(page.body.map((r) => r.name)).toEqual([listed.names[1]]);
    expect(page.headers.get('link')).toBe(
      `</api/v2.0/robots?page=1&page_size=1&q=Level=project,ProjectID=${listed.project.id}&sort=name>; rel="prev" , ` +
      `</api/v2.0/robots?page=3&page_size=1&q=Level=project,ProjectID=${listed.project.id}&sort=name>; rel="next"`,
    );
    const fuzzy = await api.get<{ name: string }[]>(`/api/v2.0/robots?${q},name=~amm`);
    expect(fuzzy.body.map((r) => r.name)).toEqual([listed.names[2]]);
  });

  it('lists only system robots without Level', async () => {
    const res = await api.get<{ level: string }[]>('/api/v2.0/robots?page_size=100');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((r) => r.level === 'system')).toBe(true);
  });

  it('refuses malformed list queries', async () => {
    const cases: [string, number, string][] = [
      ['q=Level=project', 400, 'must with project ID when to query project robots'],
      ['q=Level=galaxy', 400, 'bad request error level input'],
      ['q=colour=red', 400, 'the query key "colour" is not supported'],
      ['q=Level=project,ProjectID=abc', 400, 'invalid value "abc" for query key "ProjectID": an integer is expected'],
      ['sort=secret', 400, 'the sort key "secret" is not supported'],
      ['page_size=101', 422, 'validation failure list:\npage_size in query should be less than or equal to 100'],
    ];
    for (const [query, status, message] of cases) {
      const res = await api.get(`/api/v2.0/robots?${query}`);
      expect([res.status, errorOf(res).message]).toEqual([status, message]);
    }
    const unknownProject = await api.get('/api/v2.0/robots?q=Level=project,ProjectID=424242');
    expect([unknownProject.status, errorOf(unknownProject).code]).toEqual([404, 'NOT_FOUND']);
  });
});
