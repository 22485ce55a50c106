import { randomBytes } from 'node:crypto';
import { ApiClient, type Credentials } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { fixtures, ROLE } from './search-fixtures';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let alice: Credentials;
let bob: Credentials;
const tag = `s${randomBytes(3).toString('hex')}`;
const names = { pub: `${tag}-pub`, privA: `${tag}-priva`, privB: `${tag}-privb` };
const ids: Record<string, number> = {};

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  const f = fixtures(stack.core.deps.db);
  const a = await f.user('alice');
  alice = a;
  bob = await f.user('bob');
  ids.pub = await f.project(names.pub, true);
  ids.privA = await f.project(names.privA, false);
  ids.privB = await f.project(names.privB, false);
  await f.member(ids.privA, a.id, ROLE.guest);
  await f.repository(ids.pub, `${names.pub}/app`, 2);
  await f.repository(ids.privA, `${names.privA}/app`, 1);
  await f.repository(ids.privB, `${names.privB}/app`);
  await stack.core.deps.db.query(
    `INSERT INTO blob (digest, content_type, size) VALUES ('sha256:a', 'application/vnd.oci.image.layer.v1.tar+gzip', 100),
       ('sha256:b', 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', 1000)`,
  );
});
afterAll(() => stack.stop());

type SearchBody = { project: { name: string; project_id: number; current_user_role_id?: number; repo_count: number; metadata: Record<string, string> }[]; repository: Record<string, unknown>[] };

async function search(client: ApiClient, q: string): Promise<SearchBody> {
  const res = await client.get<SearchBody>(`/api/v2.0/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body;
}

const projectNames = (b: SearchBody) => b.project.map((p) => p.name);
const repoNames = (b: SearchBody) => b.repository.map((r) => r.repository_name);

describe('GET /search', () => {
  it('shows anonymous callers public projects and their repositories only', async () => {
    const body = await search(anon, tag);
    expect(projectNames(body)).toEqual([names.pub]);
    expect(body.repository).toEqual([
      { project_id: ids.pub, project_name: names.pub, project_public: true, repository_name: `${names.pub}/app`, pull_count: 3, artifact_count: 2 },
    ]);
    expect(body.project[0]).toMatchObject({ project_id: ids.pub, repo_count: 1, metadata: { public: 'true' }, owner_name: 'admin' });
    expect(body.project[0].current_user_role_id).toBeUndefined();
  });

  it('adds the private projects a user is a member of, with their role', async () => {
    const body = await search(anon.as(alice), tag);
    expect(projectNames(body)).toEqual([names.privA, names.pub]);
    expect(body.project[0]).toMatchObject({ current_user_role_id: ROLE.guest, current_user_role_ids: [ROLE.guest] });
    expect(repoNames(body)).toEqual([`${names.privA}/app`, `${names.pub}/app`]);
    expect(body.repository[0]).toMatchObject({ project_public: false, artifact_count: 1 });
  });

  it('does not show a user private projects of others', async () => {
    const body = await search(anon.as(bob), tag);
    expect(projectNames(body)).toEqual([names.pub]);
    expect(repoNames(body)).toEqual([`${names.pub}/app`]);
  });

  it('shows a sysadmin everything', async () => {
    const body = await search(admin, tag);
    expect(projectNames(body)).toEqual([names.pub, names.privA, names.privB].sort());
    expect(repoNames(body)).toHaveLength(3);
  });

  it('matches case-insensitively on a part of the name', async () => {
    expect(projectNames(await search(admin, `${tag}-PRIV`.toUpperCase()))).toEqual([names.privA, names.privB]);
    expect(repoNames(await search(admin, `${tag}-pub/ap`))).toEqual([`${names.pub}/app`]);
  });

  it('takes LIKE wildcards and SQL literally', async () => {
    for (const q of ['%', '_', `${tag}%`, "' OR '1'='1", `${tag}' --`, '\\']) {
      const body = await search(admin, q);
      expect({ q, body }).toEqual({ q, body: { project: [], repository: [] } });
    }
    expect((await stack.core.deps.db.query(`SELECT count(*)::int AS n FROM project`))[0].n).toBe(4);
  });

  it('requires q (422 as go-swagger answers)', async () => {
    for (const path of ['/api/v2.0/search', '/api/v2.0/search?q=']) {
      const res = await anon.get(path);
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ errors: [{ code: 'UNPROCESSABLE_ENTITY', message: expect.stringContaining('q in query is required') }] });
    }
  });
});

describe('GET /statistics', () => {
  it('refuses anonymous callers', async () => {
    const res = await anon.get('/api/v2.0/statistics');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: [{ code: 'UNAUTHORIZED', message: expect.any(String) }] });
  });

  // library (public, from bootstrap) + the three projects of this spec.
  it('gives a sysadmin totals, private counts and the storage used (foreign layers excluded)', async () => {
    const res = await admin.get('/api/v2.0/statistics');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      private_project_count: 2,
      private_repo_count: 2,
      public_project_count: 2,
      public_repo_count: 1,
      total_project_count: 4,
      total_repo_count: 3,
      total_storage_consumption: 100,
    });
  });

  it('gives a member the public counts and the private projects they belong to, no totals', async () => {
    expect((await anon.as(alice).get('/api/v2.0/statistics')).body).toEqual({
      private_project_count: 1,
      private_repo_count: 1,
      public_project_count: 2,
      public_repo_count: 1,
      total_project_count: 0,
      total_repo_count: 0,
      total_storage_consumption: 0,
    });
    expect((await anon.as(bob).get('/api/v2.0/statistics')).body).toMatchObject({ private_project_count: 0, private_repo_count: 0, public_project_count: 2 });
  });
});
