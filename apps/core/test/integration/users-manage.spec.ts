import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { type NewUser, createUser, expectHarborError, systemRobot } from './users-helpers';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let db: DataSource;
let alice: NewUser;
let bob: NewUser;

const as = (u: { username: string; password: string }) => anon.as({ username: u.username, password: u.password });
const row = async (id: number) => (await db.query('SELECT username, email, realname, comment, sysadmin_flag FROM harbor_user WHERE user_id = $1', [id]))[0];

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  db = stack.core.deps.db;
  alice = await createUser(admin, { username: uniqueName('alice') });
  bob = await createUser(admin, { username: uniqueName('bob') });
});
afterAll(() => stack.stop());

describe('GET /users', () => {
  it('lists users without the built-in admin, with X-Total-Count', async () => {
    const res = await admin.get<{ username: string; password?: string }[]>('/api/v2.0/users');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(res.body.map((u) => u.username)).toEqual([alice.username, bob.username]);
    expect(res.text).not.toContain('password');
  });

  it('pages with Link headers, filters with q= and the username/email parameters, sorts', async () => {
    const page = await admin.get<{ username: string }[]>('/api/v2.0/users?page=1&page_size=1');
    expect(page.body.map((u) => u.username)).toEqual([alice.username]);
    expect(page.headers.get('link')).toBe('</api/v2.0/users?page=2&page_size=1>; rel="next"');
    const q = await admin.get<{ username: string }[]>(`/api/v2.0/users?q=${encodeURIComponent(`username=~${bob.username.slice(0, 6)}`)}`);
    expect(q.body.map((u) => u.username)).toEqual([bob.username]);
    const email = await admin.get<{ username: string }[]>(`/api/v2.0/users?email=${encodeURIComponent(alice.email)}`);
    expect(email.body.map((u) => u.username)).toEqual([alice.username]);
    const sorted = await admin.get<{ username: string }[]>('/api/v2.0/users?sort=-user_id');
    expect(sorted.body.map((u) => u.username)).toEqual([bob.username, alice.username]);
  });

  it('refuses bad q, sort and page_size with 400', async () => {
    expectHarborError(await admin.get('/api/v2.0/users?q=password=x'), 400, 'BAD_REQUEST');
    expectHarborError(await admin.get('/api/v2.0/users?sort=password'), 400, 'BAD_REQUEST');
    expectHarborError(await admin.get('/api/v2.0/users?page_size=101'), 400, 'BAD_REQUEST');
  });

  it('is for sysadmins: anonymous 401, user 403, robot with user:list allowed', async () => {
    expectHarborError(await anon.get('/api/v2.0/users'), 401, 'UNAUTHORIZED');
    expectHarborError(await as(alice).get('/api/v2.0/users'), 403, 'FORBIDDEN');
    const robot = await systemRobot(db, [{ resource: 'user', action: 'list' }]);
    expect((await as(robot).get('/api/v2.0/users')).status).toBe(200);
  });
});

describe('GET /users/{id}, /users/current, /users/search', () => {
  it('shows a user to themselves and to admins, 403 to others, 401 anonymous, 404 unknown, 400 bad id', async () => {
    expect((await as(alice).get(`/api/v2.0/users/${alice.id}`)).body).toMatchObject({ user_id: alice.id, username: alice.username });
    expect((await admin.get(`/api/v2.0/users/${alice.id}`)).status).toBe(200);
    expect((await admin.get('/api/v2.0/users/1')).body).toMatchObject({ username: 'admin', sysadmin_flag: true });
    expectHarborError(await as(bob).get(`/api/v2.0/users/${alice.id}`), 403, 'FORBIDDEN');
    expectHarborError(await anon.get(`/api/v2.0/users/${alice.id}`), 401, 'UNAUTHORIZED');
    expectHarborError(await admin.get('/api/v2.0/users/999999'), 404, 'NOT_FOUND');
    expectHarborError(await admin.get('/api/v2.0/users/abc'), 400, 'BAD_REQUEST');
  });

  it('answers /users/current for users, 401 anonymous, 412 for robots', async () => {
    expect((await as(alice).get('/api/v2.0/users/current')).body).toMatchObject({ user_id: alice.id, username: alice.username, email: alice.email });
    expectHarborError(await anon.get('/api/v2.0/users/current'), 401, 'UNAUTHORIZED');
    const robot = await systemRobot(db, [{ resource: 'user', action: 'read' }]);
    expectHarborError(await as(robot).get('/api/v2.0/users/current'), 412, 'PRECONDITION');
  });

  it('searches user names for any signed-in caller, paged', async () => {
    const res = await as(alice).get<unknown[]>(`/api/v2.0/users/search?username=${bob.username.slice(0, 5)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ user_id: bob.id, username: bob.username }]);
    expect(res.headers.get('x-total-count')).toBe('1');
    const paged = await as(alice).get<unknown[]>('/api/v2.0/users/search?username=&page_size=1');
    expect(paged.body).toHaveLength(1);
    expect(paged.headers.get('link')).toContain('rel="next"');
    expectHarborError(await anon.get('/api/v2.0/users/search?username=a'), 401, 'UNAUTHORIZED');
    expectHarborError(await as(alice).get('/api/v2.0/users/search'), 400, 'BAD_REQUEST');
  });
});

describe('PUT /users/{id}', () => {
  const profile = (email: string) => ({ email, realname: 'New Name', comment: 'updated' });

  it('lets a user change their own profile and audits it', async () => {
    const email = `${uniqueName('a')}@example.com`;
    expect((await as(alice).put(`/api/v2.0/users/${alice.id}`, profile(email))).status).toBe(200);
    expect(await row(alice.id)).toMatchObject({ email, realname: 'New Name', comment: 'updated' });
    alice.email = email;
    const audit = await db.query(`SELECT operation FROM audit_log_ext WHERE resource = $1 AND operation = 'update'`, [alice.username]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('accepts the whole UserResp as the portal sends it back', async () => {
    const current = (await as(bob).get<Record<string, unknown>>('/api/v2.0/users/current')).body;
    expect((await as(bob).put(`/api/v2.0/users/${bob.id}`, { ...current, comment: 'portal' })).status).toBe(200);
    expect((await row(bob.id)).comment).toBe('portal');
  });

  it('lets an admin change anyone; refuses others with 403, anonymous 401, unknown 404', async () => {
    const before = await row(alice.id);
    expectHarborError(await as(bob).put(`/api/v2.0/users/${alice.id}`, profile('x@example.com')), 403, 'FORBIDDEN');
    expectHarborError(await anon.put(`/api/v2.0/users/${alice.id}`, profile('x@example.com')), 401, 'UNAUTHORIZED');
    expect(await row(alice.id)).toEqual(before);
    expectHarborError(await admin.put('/api/v2.0/users/999999', profile('y@example.com')), 404, 'NOT_FOUND');
    expect((await admin.put(`/api/v2.0/users/${alice.id}`, { ...profile(alice.email), comment: 'by admin' })).status).toBe(200);
  });

  it('refuses bad profiles with 400 and a taken email with 409, changing nothing', async () => {
    const before = await row(alice.id);
    expectHarborError(await as(alice).put(`/api/v2.0/users/${alice.id}`, profile('bad')), 400, 'BAD_REQUEST');
    expectHarborError(await as(alice).put(`/api/v2.0/users/${alice.id}`, { email: alice.email, realname: 'A', comment: 'x'.repeat(31) }), 400, 'BAD_REQUEST');
    expectHarborError(await as(alice).put(`/api/v2.0/users/${alice.id}`, { ...profile(alice.email), password: 'x' }), 400, 'BAD_REQUEST');
    expectHarborError(await as(alice).put(`/api/v2.0/users/${alice.id}`, profile(bob.email)), 409, 'CONFLICT');
    expect(await row(alice.id)).toEqual(before);
  });
});

describe('PUT /users/{id}/sysadmin', () => {
  it('promotes and demotes as admin; the flag takes effect at once', async () => {
    const carol = await createUser(admin);
    expectHarborError(await as(carol).get('/api/v2.0/users'), 403, 'FORBIDDEN');
    expect((await admin.put(`/api/v2.0/users/${carol.id}/sysadmin`, { sysadmin_flag: true })).status).toBe(200);
    expect((await as(carol).get('/api/v2.0/users')).status).toBe(200);
    expect((await admin.put(`/api/v2.0/users/${carol.id}/sysadmin`, { sysadmin_flag: false })).status).toBe(200);
    expect((await row(carol.id)).sysadmin_flag).toBe(false);
  });

  it('refuses non-admins (403), anonymous (401), self (403), bad bodies (400), unknown ids (404)', async () => {
    expectHarborError(await as(alice).put(`/api/v2.0/users/${alice.id}/sysadmin`, { sysadmin_flag: true }), 403, 'FORBIDDEN');
    expectHarborError(await anon.put(`/api/v2.0/users/${alice.id}/sysadmin`, { sysadmin_flag: true }), 401, 'UNAUTHORIZED');
    expectHarborError(await admin.put('/api/v2.0/users/1/sysadmin', { sysadmin_flag: false }), 403, 'FORBIDDEN');
    expectHarborError(await admin.put(`/api/v2.0/users/${alice.id}/sysadmin`, { sysadmin_flag: 'yes' }), 400, 'BAD_REQUEST');
    expectHarborError(await admin.put('/api/v2.0/users/999999/sysadmin', { sysadmin_flag: true }), 404, 'NOT_FOUND');
    expect((await row(alice.id)).sysadmin_flag).toBe(false);
    expect((await row(1)).sysadmin_flag).toBe(true);
  });
});
