import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { type RoleName, type TestUser, createProject, errorBody, membersByRole } from './projects.fixtures';

jest.mock('../../src/app.module', () => {
  const actual = jest.requireActual('../../src/app.module');
  return { ...actual, AppModule: jest.requireActual('./webhooks-harness').withWebhooks(actual.AppModule) };
});

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
  Object.assign(users, await membersByRole(db, project.id, ['projectAdmin', 'maintainer', 'developer']));
});
afterAll(() => stack.stop());

const base = () => `/api/v2.0/projects/${project.id}/webhook/policies`;
const policyCount = async () => (await db.query(`SELECT count(*)::int AS n FROM notification_policy`))[0].n as number;
const target = (extra: Record<string, unknown> = {}) => ({ type: 'http', address: 'https://hooks.example.com/harbor', ...extra });
const body = (extra: Record<string, unknown> = {}) => ({ name: uniqueName('hook'), event_types: ['PUSH_ARTIFACT'], targets: [target()], ...extra });

async function create(api: ApiClient, b: Record<string, unknown>): Promise<number> {
  const res = await api.post(base(), b);
  if (res.status !== 201) throw new Error(`create policy: ${res.status} ${res.text}`);
  return Number(res.headers.get('location')!.split('/').pop());
}

describe('webhook policy CRUD', () => {
  it('creates with 201 and Location, and reads back Harbor\'s WebhookPolicy', async () => {
    const b = body({ description: 'ci', event_types: ['PUSH_ARTIFACT', 'PULL_ARTIFACT'], targets: [target({ auth_header: 'Bearer x', skip_cert_verify: true }), { type: 'slack', address: 'https://hooks.slack.com/services/T/B/X' }] });
    const res = await admin.post(base(), b);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/api/v2\\.0/projects/${project.id}/webhook/policies/\\d+$`));
    const id = Number(res.headers.get('location')!.split('/').pop());
    expect((await admin.get(`${base()}/${id}`)).body).toEqual({
      id, name: b.name, description: 'ci', project_id: project.id, creator: 'admin', enabled: true,
      event_types: ['PUSH_ARTIFACT', 'PULL_ARTIFACT'],
      targets: [
        { type: 'http', address: 'https://hooks.example.com/harbor', auth_header: 'Bearer x', skip_cert_verify: true, payload_format: 'Default' },
        { type: 'slack', address: 'https://hooks.slack.com/services/T/B/X' },
      ],
      creation_time: expect.any(String), update_time: expect.any(String),
    });
    const list = await admin.get(`/api/v2.0/projects/${project.name}/webhook/policies?q=name%3D${b.name}`);
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(list.body).toEqual([expect.objectContaining({ id, name: b.name })]);
  });

  it('updates every field but the creator, normalises the address, and deletes', async () => {
    const id = await create(admin, body());
    const name = uniqueName('renamed');
    const put = await admin.put(`${base()}/${id}`, { name, enabled: false, event_types: ['DELETE_ARTIFACT'], targets: [target({ address: 'hooks.example.com:8080/x/?token=1', payload_format: 'CloudEvents' })] });
    expect(put.status).toBe(200);
    expect((await admin.get(`${base()}/${id}`)).body).toMatchObject({
      name, enabled: false, creator: 'admin', event_types: ['DELETE_ARTIFACT'],
      targets: [{ type: 'http', address: 'http://hooks.example.com:8080/x', payload_format: 'CloudEvents' }],
    });
    expect((await admin.delete(`${base()}/${id}`)).status).toBe(200);
    expect(await admin.get(`${base()}/${id}`)).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', `webhook policy ${id} not found in project ${project.name}`) });
    expect((await admin.delete(`${base()}/${id}`)).status).toBe(404);
  });

  it('refuses a duplicate name in the project with 409 and stores nothing', async () => {
    const b = body();
    const id = await create(admin, b);
    const before = await policyCount();
    expect(await admin.post(base(), b)).toMatchObject({ status: 409, body: errorBody('CONFLICT', `notification policy ${b.name} already exists`) });
    const other = await create(admin, body());
    expect((await admin.put(`${base()}/${other}`, { ...body(), name: b.name })).status).toBe(409);
    expect(await policyCount()).toBe(before + 1);
    expect((await admin.get(`${base()}/${id}`)).status).toBe(200);
  });

  it.each([
    [{ targets: [] }, 'empty notification target with policy NAME'],
    [{ event_types: [] }, 'empty event type'],
    [{ event_types: ['SCANNING_FAILED'] }, 'unsupported event type SCANNING_FAILED'],
    [{ targets: [target({ address: 'ftp://h/x' })] }, 'invalid scheme: ftp'],
    [{ targets: [target({ address: '' })] }, 'empty URL'],
    [{ targets: [target({ address: 'http://' })] }, 'invalid URL: http://'],
    [{ targets: [target({ type: 'email' })] }, 'unsupported target type email with policy NAME'],
    [{ targets: [{ type: 'slack', address: 'https://s', payload_format: 'Default' }] }, 'set payload format is not allowed for slack'],
    [{ targets: [target({ payload_format: 'Xml' })] }, 'unsupported payload format type: Xml'],
    [{ name: '' }, 'policy name cannot be empty'],
    [{ colour: 'red' }, 'invalid request body: unknown field(s) colour'],
  ])('refuses %j with 400 and stores nothing', async (extra, message) => {
    const b = body(extra);
    const before = await policyCount();
    const res = await admin.post(base(), b);
    expect(res).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', message.replace('NAME', b.name)) });
    expect(await policyCount()).toBe(before);
    const id = await create(admin, body());
    expect((await admin.put(`${base()}/${id}`, b)).status).toBe(400);
  });

  it('answers 400 for a bad policy id and 404 for another project\'s policy', async () => {
    expect(await admin.get(`${base()}/abc`)).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', 'webhook_policy_id in path must be of type int64: "abc"') });
    const other = await createProject(admin);
    const id = await create(admin, body());
    expect((await admin.get(`/api/v2.0/projects/${other.id}/webhook/policies/${id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v2.0/projects/${other.id}/webhook/policies/${id}`)).status).toBe(404);
  });
});

describe('permissions (notification-policy)', () => {
  it('lets a project admin do everything, a maintainer read, and nobody else anything', async () => {
    const as = (who: keyof typeof users) => anon.as(users[who]);
    const id = await create(as('projectAdmin'), body());
    expect((await as('projectAdmin').put(`${base()}/${id}`, body())).status).toBe(200);
    expect((await as('maintainer').get(`${base()}/${id}`)).status).toBe(200);
    expect((await as('maintainer').get(base())).status).toBe(200);
    expect((await as('maintainer').get(`/api/v2.0/projects/${project.id}/webhook/events`)).status).toBe(200);
    const before = await policyCount();
    expect(await as('maintainer').post(base(), body())).toMatchObject({ status: 403, body: errorBody('FORBIDDEN') });
    expect((await as('maintainer').delete(`${base()}/${id}`)).status).toBe(403);
    expect((await as('developer').get(base())).status).toBe(403);
    expect((await as('outsider').get(`${base()}/${id}`)).status).toBe(403);
    expect((await anon.get(base())).status).toBe(401);
    expect(await policyCount()).toBe(before);
  });
});

describe('events and last trigger', () => {
  it('lists the supported event types, notify types and payload formats', async () => {
    expect((await admin.get(`/api/v2.0/projects/${project.id}/webhook/events`)).body).toEqual({
      event_type: ['PUSH_ARTIFACT', 'PULL_ARTIFACT', 'DELETE_ARTIFACT', 'QUOTA_EXCEED', 'QUOTA_WARNING', 'TAG_RETENTION'],
      notify_type: ['http', 'slack'],
      payload_formats: [{ notify_type: 'http', formats: ['Default', 'CloudEvents'] }],
    });
  });

  it('reports one row per policy and event type, with no trigger time before any delivery', async () => {
    const p = await createProject(admin);
    const name = uniqueName('lt');
    await admin.post(`/api/v2.0/projects/${p.id}/webhook/policies`, { name, event_types: ['PUSH_ARTIFACT', 'QUOTA_EXCEED'], targets: [target()] });
    expect((await admin.get(`/api/v2.0/projects/${p.id}/webhook/lasttrigger`)).body).toEqual([
      { policy_name: name, event_type: 'PUSH_ARTIFACT', enabled: true, creation_time: expect.any(String) },
      { policy_name: name, event_type: 'QUOTA_EXCEED', enabled: true, creation_time: expect.any(String) },
    ]);
  });
});
