import { ApiClient } from '../support/api-client';
import { startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { type TestUser, addRepository, createProject, createUser } from './projects.fixtures';

let stack: TestStack;
let anon: ApiClient;
let alice: TestUser;
let as: (u: TestUser) => ApiClient;
const db = () => stack.core.deps.db;

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  as = (u) => anon.as(u);
  alice = await createUser(db(), 'alice');
});
afterAll(() => stack.stop());

describe('HEAD /projects', () => {
  it('answers 200 for an existing name and 404 for a free one', async () => {
    const { name } = await createProject(as(alice), { public: true });
    expect((await anon.head(`/api/v2.0/projects?project_name=${name}`)).status).toBe(200);
    expect((await as(alice).head(`/api/v2.0/projects?project_name=${uniqueName('free')}`)).status).toBe(404);
    expect((await as(alice).head(`/api/v2.0/projects`)).status).toBe(400);
  });
});

describe('GET /projects/{p}/summary', () => {
  it('counts repositories and members by role and shows the quota', async () => {
    const { id, name } = await createProject(as(alice));
    await addRepository(db(), id, `${name}/one`);
    const bob = await createUser(db(), 'bob');
    await db().query(`INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', 2)`, [id, bob.id]);
    const res = await as(alice).get(`/api/v2.0/projects/${id}/summary`);
    expect(res.body).toEqual({
      repo_count: 1, chart_count: 0, project_admin_count: 1, maintainer_count: 0, developer_count: 1, guest_count: 0,
      limited_guest_count: 0, quota: { hard: { storage: -1 }, used: { storage: 0 } }, registry: null,
    });
    expect((await as(await createUser(db(), 'out')).get(`/api/v2.0/projects/${id}/summary`)).status).toBe(403);
  });
});
