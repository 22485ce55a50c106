import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { CookieSession, type NewUser, createUser, expectHarborError, systemRobot } from './users-helpers';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let db: DataSource;

const as = (u: { username: string; password: string }) => anon.as({ username: u.username, password: u.password });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const audits = (resource: string, operation: string) =>
  db.query(`SELECT operation_result AS ok, resource_type, username FROM audit_log_ext WHERE resource = $1 AND operation = $2 ORDER BY id`, [resource, operation]);

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  db = stack.core.deps.db;
});
afterAll(() => stack.stop());

describe('POST /c/login and GET /c/log_out', () => {
  let user: NewUser;
  beforeAll(async () => {
    user = await createUser(admin);
  });

  it('signs in with the form, sets an HttpOnly SameSite=Strict sid cookie and returns the CSRF token', async () => {
    const browser = new CookieSession(stack.url);
    const res = await browser.login(user.username, user.password);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(res.headers.get('x-harbor-csrf-token')).toBeTruthy();
    const me = await browser.raw('GET', '/api/v2.0/users/current');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe(user.username);
    expect(await audits(user.username, 'login')).toEqual([{ ok: true, resource_type: 'user', username: user.username }]);
  });

  it('needs the CSRF token for writes made with the session cookie', async () => {
    const browser = new CookieSession(stack.url);
    await browser.login(user.username, user.password);
    const body = { email: user.email, realname: 'Via Session', comment: '' };
    expectHarborError(await toApi(await browser.json('PUT', `/api/v2.0/users/${user.id}`, body, false)), 403, 'FORBIDDEN');
    expectHarborError(await toApi(await browser.json('PUT', `/api/v2.0/users/${user.id}`, body, 'wrong-token')), 403, 'FORBIDDEN');
    expect((await db.query('SELECT realname FROM harbor_user WHERE user_id = $1', [user.id]))[0].realname).not.toBe('Via Session');
    expect((await browser.json('PUT', `/api/v2.0/users/${user.id}`, body)).status).toBe(200);
  });

  it('also signs in with the e-mail address as principal', async () => {
    expect((await new CookieSession(stack.url).login(user.email, user.password)).status).toBe(200);
  });

  it('logs out: the session ends, the cookie is cleared, the logout is audited', async () => {
    const browser = new CookieSession(stack.url);
    await browser.login(user.username, user.password);
    const sid = browser.sid;
    const res = await browser.raw('GET', '/c/log_out');
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => /^sid=;/.test(c))).toBe(true);
    browser.sid = sid;
    expect((await browser.raw('GET', '/api/v2.0/users/current')).status).toBe(401);
    expect(await audits(user.username, 'logout')).toEqual([{ ok: true, resource_type: 'user', username: user.username }]);
    expect((await new CookieSession(stack.url).raw('GET', '/c/log_out')).status).toBe(200);
  });

  it('answers 401 for wrong credentials, audits the failure and throttles the name', async () => {
    const victim = await createUser(admin);
    const browser = new CookieSession(stack.url);
    const res = await browser.login(victim.username, 'Wrong-passw0rd');
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await audits(victim.username, 'login')).toEqual([{ ok: false, resource_type: 'user', username: victim.username }]);
    // The 1.5 s lock: even the right password fails until it ends.
    expect((await browser.login(victim.username, victim.password)).status).toBe(401);
    await wait(1600);
    expect((await browser.login(victim.username, victim.password)).status).toBe(200);
  });

  it('refuses unknown users, empty forms and robots (even with the right secret)', async () => {
    const browser = new CookieSession(stack.url);
    expect((await browser.login('nobody-here', 'Passw0rdOK')).status).toBe(401);
    expect((await browser.raw('POST', '/c/login', '', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
    const robot = await systemRobot(db, [{ resource: 'user', action: 'list' }]);
    expect((await as(robot).get('/api/v2.0/users')).status).toBe(200);
    expect((await browser.login(robot.username, robot.password)).status).toBe(401);
    expect(browser.sid).toBeUndefined();
  });
});

describe('POST /c/userExists', () => {
  const form = (target: string, value: string) => new URLSearchParams({ target, value }).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

  it('answers for sysadmins; 412 for others while self-registration is off', async () => {
    const user = await createUser(admin);
    expect((await admin.post('/c/userExists', form('username', user.username), formHeaders)).body).toBe(true);
    expect((await admin.post('/c/userExists', form('email', user.email), formHeaders)).body).toBe(true);
    expect((await admin.post('/c/userExists', form('username', 'no-such-user'), formHeaders)).body).toBe(false);
    expectHarborError(await anon.post('/c/userExists', form('username', user.username), formHeaders), 412, 'PRECONDITION');
  });

  it('answers anyone while self-registration is on', async () => {
    const user = await createUser(admin);
    await admin.put('/api/v2.0/configurations', { self_registration: true });
    try {
      expect((await anon.post('/c/userExists', form('username', user.username), formHeaders)).body).toBe(true);
    } finally {
      await admin.put('/api/v2.0/configurations', { self_registration: false });
    }
  });
});

async function toApi(res: Response): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
}
