import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { CookieSession, type NewUser, PASSWORD, createUser, expectHarborError, projectWithMember, systemRobot } from './users-helpers';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let db: DataSource;
let alice: NewUser;

const as = (u: { username: string; password: string }) => anon.as({ username: u.username, password: u.password });
const row = async (id: number) => (await db.query('SELECT username FROM harbor_user WHERE user_id = $1', [id]))[0];
const userCount = async () => Number((await db.query('SELECT count(*) AS n FROM harbor_user'))[0].n);

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  db = stack.core.deps.db;
  alice = await createUser(admin, { username: uniqueName('alice') });
});
afterAll(() => stack.stop());

describe('POST /users', () => {
  it('creates a user as admin: 201, Location, audit row, readable profile without password', async () => {
    const username = uniqueName('carol');
    const res = await admin.post('/api/v2.0/users', { username, email: `${username}@example.com`, password: PASSWORD, realname: 'Carol C', comment: 'hi' });
    expect(res.status).toBe(201);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/v2\.0\/users\/\d+$/);
    const got = await admin.get<Record<string, unknown>>(location);
    expect(got.body).toEqual({
      user_id: Number(location.split('/').pop()), username, email: `${username}@example.com`, realname: 'Carol C', comment: 'hi',
      sysadmin_flag: false, admin_role_in_auth: false, creation_time: expect.any(String), update_time: expect.any(String),
    });
    expect(got.text).not.toContain('password');
    const audit = await db.query(`SELECT operation, resource_type, resource, username FROM audit_log_ext WHERE resource = $1`, [username]);
    expect(audit).toEqual([{ operation: 'create', resource_type: 'user', resource: username, username: 'admin' }]);
    expect((await as({ username, password: PASSWORD }).get('/api/v2.0/users/current')).status).toBe(200);
  });

  it.each([
    ['a weak password', { password: 'password' }, /password/],
    ['a short password', { password: 'Ab1' }, /password/],
    ['illegal characters in the username', { username: 'bad#name' }, 'username contains illegal characters'],
    ['a username over 255 characters', { username: 'x'.repeat(256) }, 'username with illegal length'],
    ['an empty username', { username: '' }, 'username with illegal length'],
    ['a malformed email', { email: 'not-an-email' }, 'email with illegal format'],
    ['no realname', { realname: '' }, 'realname with illegal length'],
    ['a comment over 30 characters', { comment: 'c'.repeat(31) }, 'comment with illegal length'],
    ['an unknown field', { role: 'admin' }, /role/],
    ['a wrongly typed field', { email: 42 }, /email/],
  ])('refuses %s with 400 and creates nothing', async (_what, override, message) => {
    const username = uniqueName('dave');
    const before = await userCount();
    const res = await admin.post('/api/v2.0/users', { username, email: `${username}@example.com`, password: PASSWORD, realname: 'Dave', ...override });
    expectHarborError(res, 400, 'BAD_REQUEST', message);
    expect(await userCount()).toBe(before);
  });

  it('refuses a taken username or email with 409 CONFLICT', async () => {
    const before = await userCount();
    const dupName = await admin.post('/api/v2.0/users', { username: alice.username, email: 'other@example.com', password: PASSWORD, realname: 'X' });
    expectHarborError(dupName, 409, 'CONFLICT');
    const dupEmail = await admin.post('/api/v2.0/users', { username: uniqueName('eve'), email: alice.email, password: PASSWORD, realname: 'X' });
    expectHarborError(dupEmail, 409, 'CONFLICT');
    expect(await userCount()).toBe(before);
  });

  it('is for admins while self-registration is off: anonymous 401, user 403', async () => {
    const body = { username: uniqueName('frank'), email: 'frank@example.com', password: PASSWORD, realname: 'F' };
    expectHarborError(await anon.post('/api/v2.0/users', body), 401, 'UNAUTHORIZED');
    expectHarborError(await as(alice).post('/api/v2.0/users', body), 403, 'FORBIDDEN');
    expect((await db.query('SELECT 1 FROM harbor_user WHERE username = $1', [body.username])).length).toBe(0);
  });

  it('lets a robot granted user:create create users', async () => {
    const robot = await systemRobot(db, [{ resource: 'user', action: 'create' }]);
    const res = await as(robot).post('/api/v2.0/users', { username: uniqueName('rb'), email: `${uniqueName('rb')}@example.com`, password: PASSWORD, realname: 'R' });
    expect(res.status).toBe(201);
  });
});

describe('self-registration', () => {
  const signup = () => {
    const username = uniqueName('self');
    return { username, email: `${username}@example.com`, password: PASSWORD, realname: 'Self Made' };
  };
  afterEach(() => admin.put('/api/v2.0/configurations', { self_registration: false }));

  it('when on, lets an anonymous portal visitor sign up but refuses plain API calls with 403', async () => {
    expect((await admin.put('/api/v2.0/configurations', { self_registration: true })).status).toBe(200);
    const api = signup();
    expectHarborError(await anon.post('/api/v2.0/users', api), 403, 'FORBIDDEN', 'self-registration cannot be triggered via API');
    expectHarborError(await as(alice).post('/api/v2.0/users', signup()), 403, 'FORBIDDEN', 'self-registration cannot be triggered via API');
    const browser = new CookieSession(stack.url);
    browser.sid = 'anonymous-portal-visitor-cookie';
    const ui = signup();
    const res = await browser.json('POST', '/api/v2.0/users', ui);
    expect(res.status).toBe(201);
    expect((await as(ui).get('/api/v2.0/users/current')).status).toBe(200);
    expect((await db.query('SELECT 1 FROM harbor_user WHERE username = $1', [api.username])).length).toBe(0);
  });

  it('when off, refuses the portal visitor too (401)', async () => {
    const browser = new CookieSession(stack.url);
    browser.sid = 'anonymous-portal-visitor-cookie';
    const res = await browser.json('POST', '/api/v2.0/users', signup());
    expect(res.status).toBe(401);
  });
});

describe('DELETE /users/{id}', () => {
  it('deletes a user with memberships and sessions, and audits it', async () => {
    const doomed = await createUser(admin);
    const projectId = await projectWithMember(db, doomed.id, 2);
    const browser = new CookieSession(stack.url);
    expect((await browser.login(doomed.username, doomed.password)).status).toBe(200);
    expect((await admin.delete(`/api/v2.0/users/${doomed.id}`)).status).toBe(200);
    expectHarborError(await admin.get(`/api/v2.0/users/${doomed.id}`), 404, 'NOT_FOUND');
    expect(await db.query('SELECT 1 FROM project_member WHERE project_id = $1', [projectId])).toEqual([]);
    expect((await browser.raw('GET', '/api/v2.0/users/current')).status).toBe(401);
    const audit = await db.query(`SELECT operation, username FROM audit_log_ext WHERE resource = $1 AND operation = 'delete'`, [doomed.username]);
    expect(audit).toEqual([{ operation: 'delete', username: 'admin' }]);
  });

  it('refuses self, user 1, non-admins, anonymous and unknown ids', async () => {
    const second = await createUser(admin);
    const stranger = await createUser(admin);
    await admin.put(`/api/v2.0/users/${second.id}/sysadmin`, { sysadmin_flag: true });
    expectHarborError(await admin.delete('/api/v2.0/users/1'), 403, 'FORBIDDEN', 'User with ID 1 cannot be deleted');
    expectHarborError(await as(second).delete('/api/v2.0/users/1'), 403, 'FORBIDDEN');
    expectHarborError(await as(second).delete(`/api/v2.0/users/${second.id}`), 403, 'FORBIDDEN');
    expectHarborError(await as(alice).delete(`/api/v2.0/users/${stranger.id}`), 403, 'FORBIDDEN');
    expectHarborError(await anon.delete(`/api/v2.0/users/${alice.id}`), 401, 'UNAUTHORIZED');
    expectHarborError(await admin.delete('/api/v2.0/users/999999'), 404, 'NOT_FOUND');
    expect(await row(stranger.id)).toBeDefined();
    expect(await row(alice.id)).toBeDefined();
    expect(await row(1)).toBeDefined();
  });
});
