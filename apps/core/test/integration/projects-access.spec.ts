import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { ROLES, type RoleName, type TestUser, addMember, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let owner: TestUser;
let outsider: TestUser;
const users = {} as Record<RoleName, TestUser>;
let priv: { id: number; name: string }, pub: { id: number; name: string };
const db = () => stack.core.deps.db;

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  owner = await createUser(db(), 'owner');
  outsider = await createUser(db(), 'outsider');
  priv = await createProject(anon.as(owner), { name: uniqueName('priv') });
  pub = await createProject(anon.as(owner), { name: uniqueName('pub'), public: true });
  for (const role of Object.keys(ROLES) as RoleName[]) {
    users[role] = await createUser(db(), role.toLowerCase());
    if (role !== 'projectAdmin') await addMember(db(), priv.id, users[role].id, ROLES[role]);
  }
  users.projectAdmin = owner;
});
afterAll(() => stack.stop());

const names = (body: unknown) => (body as { name: string }[]).map((p) => p.name);

describe('GET /projects visibility', () => {
  it('anonymous sees public projects only, and nothing when asking for private ones', async () => {
    const res = await anon.get('/api/v2.0/projects?page_size=100');
    expect(names(res.body)).toEqual(expect.arrayContaining(['library', pub.name]));
    expect(names(res.body)).not.toContain(priv.name);
    expect((await anon.get('/api/v2.0/projects?public=false')).body).toEqual([]);
  });

  it('a member sees public projects and theirs, with their role', async () => {
    const res = await anon.as(users.guest).get<{ name: string; current_user_role_id: number }[]>('/api/v2.0/projects?page_size=100');
    expect(names(res.body).sort()).toEqual([pub.name, priv.name, 'library'].sort());
    expect(res.body.find((p) => p.name === priv.name)!.current_user_role_id).toBe(3);
    expect(names((await anon.as(users.guest).get('/api/v2.0/projects?public=false')).body)).toEqual([priv.name]);
  });

  it('a non-member does not see private projects; an admin sees all', async () => {
    expect(names((await anon.as(outsider).get('/api/v2.0/projects?page_size=100')).body)).not.toContain(priv.name);
    expect(names((await admin.get('/api/v2.0/projects?page_size=100')).body)).toContain(priv.name);
  });

  it('returns Harbor\'s Project fields, paging headers and filters', async () => {
    const res = await admin.get<Record<string, unknown>[]>(`/api/v2.0/projects?name=${priv.name.slice(0, 8)}&owner=${owner.username}`);
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.body[0]).toEqual(expect.objectContaining({
      project_id: priv.id, name: priv.name, owner_id: owner.id, owner_name: owner.username, registry_id: 0, deleted: false,
      repo_count: 0, metadata: { public: 'false' }, cve_allowlist: expect.objectContaining({ items: [], project_id: priv.id }),
    }));
    const page = await admin.get('/api/v2.0/projects?page=1&page_size=1&sort=-name');
    expect(page.headers.get('link')).toContain('rel="next"');
    expect(Number(page.headers.get('x-total-count'))).toBeGreaterThanOrEqual(3);
    const slim = await admin.get<Record<string, unknown>[]>(`/api/v2.0/projects?q=name=${priv.name}&with_detail=false`);
    expect(slim.body[0].metadata).toBeUndefined();
  });

  it('keeps q= values in parameters', async () => {
    for (const q of [`name=x' OR '1'='1`, `name=~%' OR 1=1 --`, `name={a b'); DROP TABLE project; --}`]) {
      const res = await admin.get(`/api/v2.0/projects?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    }
    expect(Number((await db().query(`SELECT count(*) AS n FROM project`))[0].n)).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad q, sort and paging', async () => {
    expect((await admin.get('/api/v2.0/projects?q=nosuchkey=1')).body).toEqual(errorBody('BAD_REQUEST'));
    expect((await admin.get('/api/v2.0/projects?sort=password')).status).toBe(400);
    const big = await admin.get('/api/v2.0/projects?page_size=101');
    expect(big.status).toBe(422);
    expect(big.body).toEqual(errorBody('UNPROCESSABLE_ENTITY'));
  });
});

// Expected outcome per role on the private project: allowed, or the denial status.
const MATRIX: [string, RoleName | 'outsider' | 'anonymous' | 'admin', { get: number; put: number; members: number; addMember: number; del: number }][] = [
  ['projectAdmin', 'projectAdmin', { get: 200, put: 200, members: 200, addMember: 201, del: 200 }],
  ['maintainer', 'maintainer', { get: 200, put: 403, members: 200, addMember: 403, del: 403 }],
  ['developer', 'developer', { get: 200, put: 403, members: 200, addMember: 403, del: 403 }],
  ['guest', 'guest', { get: 200, put: 403, members: 200, addMember: 403, del: 403 }],
  ['limitedGuest', 'limitedGuest', { get: 200, put: 403, members: 403, addMember: 403, del: 403 }],
  ['non-member', 'outsider', { get: 403, put: 403, members: 403, addMember: 403, del: 403 }],
  ['anonymous', 'anonymous', { get: 401, put: 401, members: 401, addMember: 401, del: 401 }],
  ['sysadmin', 'admin', { get: 200, put: 200, members: 200, addMember: 201, del: 200 }],
];

describe.each(MATRIX)('%s on a private project', (_label, who, expected) => {
  let client: ApiClient;
  let target: { id: number; name: string };
  beforeAll(async () => {
    client = who === 'anonymous' ? anon : who === 'admin' ? admin : anon.as(who === 'outsider' ? outsider : users[who]);
    // A fresh project per role with the same membership, so the delete does not affect the others.
    target = await createProject(anon.as(owner), { name: uniqueName('m') });
    if (who !== 'projectAdmin' && who !== 'outsider' && who !== 'anonymous' && who !== 'admin') {
      await addMember(db(), target.id, users[who].id, ROLES[who]);
    }
  });

  it('gets, updates, lists and adds members, deletes as the matrix says', async () => {
    expect((await client.get(`/api/v2.0/projects/${target.id}`)).status).toBe(expected.get);
    const put = await client.put(`/api/v2.0/projects/${target.id}`, { metadata: { auto_scan: 'true' } });
    expect(put.status).toBe(expected.put);
    const [meta] = await db().query(`SELECT count(*)::int AS n FROM project_metadata WHERE project_id = $1 AND name = 'auto_scan'`, [target.id]);
    expect(meta.n).toBe(expected.put === 200 ? 1 : 0);
    expect((await client.get(`/api/v2.0/projects/${target.id}/members`)).status).toBe(expected.members);
    const added = await client.post(`/api/v2.0/projects/${target.id}/members`, { role_id: 3, member_user: { username: outsider.username } });
    expect(added.status).toBe(expected.addMember);
    const del = await client.delete(`/api/v2.0/projects/${target.id}`);
    expect(del.status).toBe(expected.del);
    if (del.status !== 200) expect(del.body).toEqual(errorBody(del.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN'));
  });
});

describe('GET /projects/{p}', () => {
  it('reads by name, by id, and numeric names with X-Is-Resource-Name', async () => {
    const numeric = await createProject(admin, { name: '12345', public: true });
    expect((await anon.get<{ project_id: number }>(`/api/v2.0/projects/${numeric.name}`, { 'X-Is-Resource-Name': 'true' })).body.project_id).toBe(numeric.id);
    expect((await anon.get<{ name: string }>(`/api/v2.0/projects/${pub.name}`)).body.name).toBe(pub.name);
  });

  it('does not reveal whether a private project exists', async () => {
    const [missing, hidden] = await Promise.all([uniqueName('none'), priv.name].map((n) => anon.as(outsider).get(`/api/v2.0/projects/${n}`)));
    expect([missing.status, hidden.status]).toEqual([403, 403]);
    expect(missing.body).toEqual(hidden.body);
    expect((await admin.get(`/api/v2.0/projects/${uniqueName('none')}`)).status).toBe(404);
  });
});

describe('PUT /projects/{p}', () => {
  it('validates metadata and leaves the project unchanged on error', async () => {
    for (const body of [{ metadata: { severity: 'extreme' } }, { metadata: { public: 'yes' } }, { metadata: { bogus: 'true' } }, { nope: 1 }]) {
      const res = await anon.as(owner).put(`/api/v2.0/projects/${priv.id}`, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(errorBody('BAD_REQUEST'));
    }
    expect((await admin.get<{ metadata: object }>(`/api/v2.0/projects/${priv.id}`)).body.metadata).toEqual({ public: 'false' });
    expect((await anon.as(owner).put(`/api/v2.0/projects/${priv.id}`, { metadata: { severity: 'critical', prevent_vul: 'true' } })).status).toBe(200);
    expect((await admin.get<{ metadata: object }>(`/api/v2.0/projects/${priv.id}`)).body.metadata)
      .toEqual({ public: 'false', severity: 'critical', prevent_vul: 'true' });
  });
});
