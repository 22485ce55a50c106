import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { type TestUser, addRepository, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let alice: TestUser;
let as: (u: TestUser) => ApiClient;
const db = () => stack.core.deps.db;
const countProjects = async () => Number((await db().query(`SELECT count(*) AS n FROM project`))[0].n);

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  as = (u) => anon.as(u);
  alice = await createUser(db(), 'alice');
});
afterAll(() => stack.stop());

describe('POST /projects', () => {
  it('creates the project with its owner as projectAdmin, a quota and an audit row', async () => {
    const name = uniqueName('new');
    const res = await as(alice).post('/api/v2.0/projects', { project_name: name, metadata: { public: 'true', auto_scan: 'true', severity: 'high' } });
    expect(res.status).toBe(201);
    const id = Number(res.headers.get('location')!.match(/^\/api\/v2\.0\/projects\/(\d+)$/)![1]);
    const [project] = await db().query(`SELECT name, owner_id FROM project WHERE project_id = $1`, [id]);
    expect(project).toEqual({ name, owner_id: alice.id });
    const meta = await db().query(`SELECT name, value FROM project_metadata WHERE project_id = $1 ORDER BY name`, [id]);
    expect(meta).toEqual([{ name: 'auto_scan', value: 'true' }, { name: 'public', value: 'true' }, { name: 'severity', value: 'high' }]);
    expect(await db().query(`SELECT entity_id, role FROM project_member WHERE project_id = $1`, [id])).toEqual([{ entity_id: alice.id, role: 1 }]);
    expect(await db().query(`SELECT hard_storage, used_storage FROM quota WHERE reference = 'project' AND reference_id = $1`, [String(id)]))
      .toEqual([{ hard_storage: '-1', used_storage: '0' }]);
    const audit = await db().query(`SELECT operation, resource_type, resource, username FROM audit_log_ext WHERE project_id = $1`, [id]);
    expect(audit).toEqual([{ operation: 'create', resource_type: 'project', resource: name, username: alice.username }]);
  });

  it('puts the name in Location on request and defaults to private; deprecated "public" still works', async () => {
    const name = uniqueName('loc');
    const res = await as(alice).post('/api/v2.0/projects', { project_name: name }, { 'X-Resource-Name-In-Location': 'true' });
    expect(res.headers.get('location')).toBe(`/api/v2.0/projects/${name}`);
    expect((await admin.get<{ metadata: object }>(`/api/v2.0/projects/${name}`)).body.metadata).toEqual({ public: 'false' });
    const old = uniqueName('old');
    await as(alice).post('/api/v2.0/projects', { project_name: old, public: true });
    expect((await admin.get<{ metadata: object }>(`/api/v2.0/projects/${old}`)).body.metadata).toEqual({ public: 'true' });
  });

  it('lets only an admin choose storage_limit', async () => {
    const mine = await as(alice).post('/api/v2.0/projects', { project_name: uniqueName('q'), storage_limit: 1000 });
    const adm = await admin.post('/api/v2.0/projects', { project_name: uniqueName('q'), storage_limit: 1000 });
    const hard = async (loc: string) =>
      (await db().query(`SELECT hard_storage FROM quota WHERE reference_id = $1`, [loc.split('/').pop()]))[0].hard_storage;
    expect(await hard(mine.headers.get('location')!)).toBe('-1');
    expect(await hard(adm.headers.get('location')!)).toBe('1000');
  });

  it.each([
    ['anonymous', undefined, { project_name: 'anon-proj' }, 401, 'UNAUTHORIZED'],
    ['an upper-case name', 'alice', { project_name: 'BadName' }, 400, 'BAD_REQUEST'],
    ['a name with a slash', 'alice', { project_name: 'a/b' }, 400, 'BAD_REQUEST'],
    ['a missing name', 'alice', {}, 400, 'BAD_REQUEST'],
    ['a 256-character name', 'alice', { project_name: 'a'.repeat(256) }, 400, 'BAD_REQUEST'],
    ['an unknown field', 'alice', { project_name: 'unknownfield', colour: 'red' }, 400, 'BAD_REQUEST'],
    ['an unknown metadata key', 'alice', { project_name: 'unknownmeta', metadata: { colour: 'red' } }, 400, 'BAD_REQUEST'],
    ['a non-boolean metadata value', 'alice', { project_name: 'badbool', metadata: { auto_scan: 'yes' } }, 400, 'BAD_REQUEST'],
    ['an unknown severity', 'alice', { project_name: 'badsev', metadata: { severity: 'extreme' } }, 400, 'BAD_REQUEST'],
    ['a proxy cache registry', 'admin', { project_name: 'proxycache', registry_id: 3 }, 400, 'BAD_REQUEST'],
    ['a negative storage limit', 'admin', { project_name: 'negquota', storage_limit: -5 }, 400, 'BAD_REQUEST'],
    ['a retention id', 'alice', { project_name: 'retid', metadata: { retention_id: '3' } }, 400, 'BAD_REQUEST'],
    ['a non-object body', 'alice', '[1]', 400, 'BAD_REQUEST'],
  ])('refuses %s', async (_what, who, body, status, code) => {
    const before = await countProjects();
    const client = who === 'alice' ? as(alice) : who === 'admin' ? admin : anon;
    const res = await client.post('/api/v2.0/projects', body);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(errorBody(code));
    expect(await countProjects()).toBe(before);
  });

  it('answers 409 for a taken name, leaving the first project alone', async () => {
    const { name, id } = await createProject(as(alice));
    const res = await admin.post('/api/v2.0/projects', { project_name: name });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(errorBody('CONFLICT', `The project named ${name} already exists`));
    expect(await db().query(`SELECT owner_id FROM project WHERE name = $1`, [name])).toEqual([{ owner_id: alice.id }]);
    expect(await db().query(`SELECT count(*)::int AS n FROM quota WHERE reference_id = $1`, [String(id)])).toEqual([{ n: 1 }]);
  });

  it('follows project_creation_restriction=adminonly', async () => {
    await db().query(`INSERT INTO properties (k, v) VALUES ('project_creation_restriction', 'adminonly')`);
    try {
      const before = await countProjects();
      const res = await as(alice).post('/api/v2.0/projects', { project_name: uniqueName('ao') });
      expect(res.status).toBe(403);
      expect(res.body).toEqual(errorBody('FORBIDDEN', 'Only system admin can create project'));
      expect(await countProjects()).toBe(before);
      expect((await admin.post('/api/v2.0/projects', { project_name: uniqueName('ao') })).status).toBe(201);
    } finally {
      await db().query(`DELETE FROM properties WHERE k = 'project_creation_restriction'`);
    }
  });

  it('uses storage_per_project for the default limit', async () => {
    await db().query(`INSERT INTO properties (k, v) VALUES ('storage_per_project', '2048')`);
    try {
      const { id } = await createProject(as(alice));
      expect((await db().query(`SELECT hard_storage FROM quota WHERE reference_id = $1`, [String(id)]))[0].hard_storage).toBe('2048');
    } finally {
      await db().query(`DELETE FROM properties WHERE k = 'storage_per_project'`);
    }
  });
});

describe('DELETE /projects/{p}', () => {
  it('refuses with 412 while a repository remains, and _deletable says why', async () => {
    const { id, name } = await createProject(as(alice));
    await addRepository(db(), id, `${name}/app`);
    const check = await as(alice).get(`/api/v2.0/projects/${id}/_deletable`);
    expect(check.body).toEqual({ deletable: false, message: 'the project contains repositories, can not be deleted' });
    const res = await as(alice).delete(`/api/v2.0/projects/${id}`);
    expect(res.status).toBe(412);
    expect(res.body).toEqual(errorBody('PRECONDITION', 'the project contains repositories, can not be deleted'));
    expect(await db().query(`SELECT count(*)::int AS n FROM project WHERE project_id = $1`, [id])).toEqual([{ n: 1 }]);
  });

  it('removes the project, its metadata, members, quota, robots and labels', async () => {
    const { id, name } = await createProject(as(alice), { public: true });
    await db().query(`INSERT INTO robot (name, project_id, level, secret) VALUES ('r1', $1, 'project', 'x')`, [id]);
    await db().query(`INSERT INTO harbor_label (name, scope, project_id) VALUES ('l1', 'p', $1), ('keep', 'g', 0)`, [id]);
    expect((await as(alice).get(`/api/v2.0/projects/${name}/_deletable`, { 'X-Is-Resource-Name': 'true' })).body).toEqual({ deletable: true });
    expect((await as(alice).delete(`/api/v2.0/projects/${id}`)).status).toBe(200);
    for (const [table, where] of [['project', 'project_id'], ['project_metadata', 'project_id'], ['project_member', 'project_id'], ['robot', 'project_id'], ['harbor_label', 'project_id']]) {
      expect(await db().query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where} = $1`, [id])).toEqual([{ n: 0 }]);
    }
    expect(await db().query(`SELECT count(*)::int AS n FROM quota WHERE reference_id = $1`, [String(id)])).toEqual([{ n: 0 }]);
    expect(await db().query(`SELECT name FROM harbor_label WHERE scope = 'g' AND name = 'keep'`)).toEqual([{ name: 'keep' }]);
    const audit = await db().query(`SELECT operation, resource FROM audit_log_ext WHERE project_id = $1 AND operation = 'delete'`, [id]);
    expect(audit).toEqual([{ operation: 'delete', resource: name }]);
    expect((await admin.get(`/api/v2.0/projects/${id}`)).status).toBe(404);
  });
});
