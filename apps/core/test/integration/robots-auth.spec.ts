import type { DataSource } from 'typeorm';
import { ApiClient, basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { createProject, credentials, errorOf, mustCreate, projectRobot, type RobotCreatedBody, waitOutLoginLock } from './robots-helpers';

let stack: TestStack;
let api: ApiClient;
let db: DataSource;
let project: { id: number; name: string };
let other: { id: number; name: string };

beforeAll(async () => {
  stack = await startTestStack();
  api = new ApiClient(stack.url, ADMIN);
  db = stack.core.deps.db;
  project = await createProject(db);
  other = await createProject(db);
});
afterAll(() => stack.stop());

const listOwn = () => `/api/v2.0/robots?q=Level=project,ProjectID=${project.id}`;
const readerRobot = () => mustCreate(api, projectRobot(project.name, [['robot', 'list'], ['robot', 'read'], ['repository', 'pull']]));

async function registryActions(auth: { username: string; password: string }, repo: string): Promise<string[]> {
  const res = await fetch(`${stack.url}/service/token?service=harbor-registry&scope=repository:${repo}:pull,push`, { headers: { authorization: basicAuth(auth) } });
  const { token } = (await res.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string; access: { actions: string[] }[] };
  return claims.access[0].actions;
}

describe('robot accounts: authenticating as a robot', () => {
  it('uses the robot\'s Basic credentials on what it is granted, and gets 403 elsewhere', async () => {
    const robot = api.as(credentials(await readerRobot()));
    expect((await robot.get(listOwn())).status).toBe(200);
    const denied = [
      await robot.get('/api/v2.0/robots'),
      await robot.get(`/api/v2.0/robots?q=Level=project,ProjectID=${other.id}`),
      await robot.post('/api/v2.0/robots', projectRobot(project.name, [['repository', 'pull']])),
    ];
    for (const res of denied) expect([res.status, errorOf(res).code]).toEqual([403, 'FORBIDDEN']);
  });

  it('gets registry tokens only for its own project, with only the granted actions', async () => {
    const created = await readerRobot();
    expect(await registryActions(credentials(created), `${project.name}/app`)).toEqual(['pull']);
    expect(await registryActions(credentials(created), `${other.name}/app`)).toEqual([]);
  });

  it('has no user profile: /users/current answers 412 for a robot', async () => {
    const res = await api.as(credentials(await readerRobot())).get('/api/v2.0/users/current');
    expect([res.status, errorOf(res).code]).toEqual([412, 'PRECONDITION']);
  });

  it('cannot log in to the portal through /c/login', async () => {
    const created = await readerRobot();
    const res = await fetch(`${stack.url}/c/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ principal: created.name, password: created.secret }).toString(),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    // The same form works for a user, so the 401 above is about the robot, not the form.
    const user = await fetch(`${stack.url}/c/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ principal: ADMIN.username, password: ADMIN.password }).toString(),
    });
    expect(user.status).toBe(200);
  });

  it('rejects a disabled robot with 401 and accepts it again once enabled', async () => {
    const created = await readerRobot();
    const robot = api.as(credentials(created));
    expect((await robot.get(listOwn())).status).toBe(200);
    const view = (await api.get<Record<string, unknown>>(`/api/v2.0/robots/${created.id}`)).body;
    expect((await api.put(`/api/v2.0/robots/${created.id}`, { ...view, disable: true })).status).toBe(200);
    const res = await robot.get(listOwn());
    expect([res.status, errorOf(res)]).toEqual([401, { code: 'UNAUTHORIZED', message: 'invalid credentials' }]);
    expect((await api.put(`/api/v2.0/robots/${created.id}`, { ...view, disable: false })).status).toBe(200);
    await waitOutLoginLock();
    expect((await robot.get(listOwn())).status).toBe(200);
  });

  it('rejects an expired robot with 401', async () => {
    const created = await readerRobot();
    const robot = api.as(credentials(created));
    expect((await robot.get(listOwn())).status).toBe(200);
    await db.query(`UPDATE robot SET expires_at = $2 WHERE id = $1`, [created.id, Math.floor(Date.now() / 1000) - 1]);
    expect((await robot.get(listOwn())).status).toBe(401);
  });

  it('invalidates the old secret at once when the secret is refreshed', async () => {
    const created = await readerRobot();
    expect((await api.as(credentials(created)).get(listOwn())).status).toBe(200);
    const { secret } = (await api.patch<{ secret: string }>(`/api/v2.0/robots/${created.id}`, {})).body;
    expect((await api.as(credentials(created)).get(listOwn())).status).toBe(401);
    await waitOutLoginLock();
    expect((await api.as(credentials(created, secret)).get(listOwn())).status).toBe(200);
  });

  it('rejects a deleted robot and a wrong secret with 401', async () => {
    const created: RobotCreatedBody = await readerRobot();
    expect((await api.as(credentials(created, 'Wrong-secret-1')).get(listOwn())).status).toBe(401);
    expect((await api.delete(`/api/v2.0/robots/${created.id}`)).status).toBe(200);
    await waitOutLoginLock();
    expect((await api.as(credentials(created)).get(listOwn())).status).toBe(401);
  });
});
