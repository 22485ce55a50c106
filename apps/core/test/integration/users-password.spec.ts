import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { CookieSession, createUser, expectHarborError } from './users-helpers';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;

const as = (u: { username: string; password: string }) => anon.as({ username: u.username, password: u.password });

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
});
afterAll(() => stack.stop());

describe('PUT /users/{id}/password', () => {
  it('changes the own password given the old one; the old one stops working, other sessions end', async () => {
    const user = await createUser(admin);
    const other = new CookieSession(stack.url);
    await other.login(user.username, user.password);
    const browser = new CookieSession(stack.url);
    await browser.login(user.username, user.password);
    const res = await browser.json('PUT', `/api/v2.0/users/${user.id}/password`, { old_password: user.password, new_password: 'NewPassw0rd' });
    expect(res.status).toBe(200);
    // New password first: a failed Basic login locks the name for 1.5 s.
    expect((await as({ username: user.username, password: 'NewPassw0rd' }).get('/api/v2.0/users/current')).status).toBe(200);
    expect((await as(user).get('/api/v2.0/users/current')).status).toBe(401);
    expect((await other.raw('GET', '/api/v2.0/users/current')).status).toBe(401);
    // The session that made the change got a fresh cookie and token and keeps working.
    expect((await browser.raw('GET', '/api/v2.0/users/current')).status).toBe(200);
    expect((await browser.json('PUT', `/api/v2.0/users/${user.id}`, { email: user.email, realname: 'Still Here', comment: '' })).status).toBe(200);
  });

  it('refuses a wrong old password (403), a weak or unchanged new one (400), others (403), anonymous (401)', async () => {
    const user = await createUser(admin);
    const other = await createUser(admin);
    const path = `/api/v2.0/users/${user.id}/password`;
    expectHarborError(await as(user).put(path, { old_password: 'Wr0ngPassword', new_password: 'NewPassw0rd' }), 403, 'FORBIDDEN', 'Current password is incorrect');
    expectHarborError(await as(user).put(path, { new_password: 'NewPassw0rd' }), 403, 'FORBIDDEN');
    expectHarborError(await as(user).put(path, { old_password: user.password, new_password: 'weakpass' }), 400, 'BAD_REQUEST');
    expectHarborError(await as(user).put(path, { old_password: user.password, new_password: user.password }), 400, 'BAD_REQUEST', 'New password is identical to old password');
    expectHarborError(await as(other).put(path, { old_password: user.password, new_password: 'NewPassw0rd' }), 403, 'FORBIDDEN');
    expectHarborError(await anon.put(path, { old_password: user.password, new_password: 'NewPassw0rd' }), 401, 'UNAUTHORIZED');
    expectHarborError(await as(user).put(path, { old_password: user.password }), 400, 'BAD_REQUEST');
    expectHarborError(await admin.put('/api/v2.0/users/999999/password', { new_password: 'NewPassw0rd' }), 404, 'NOT_FOUND');
    expect((await as(user).get('/api/v2.0/users/current')).status).toBe(200);
  });

  it('lets an admin set another user\'s password without the old one, ending that user\'s sessions', async () => {
    const user = await createUser(admin);
    const browser = new CookieSession(stack.url);
    await browser.login(user.username, user.password);
    expect((await admin.put(`/api/v2.0/users/${user.id}/password`, { new_password: 'AdminSet0K' })).status).toBe(200);
    expect((await as({ username: user.username, password: 'AdminSet0K' }).get('/api/v2.0/users/current')).status).toBe(200);
    expect((await as(user).get('/api/v2.0/users/current')).status).toBe(401);
    expect((await browser.raw('GET', '/api/v2.0/users/current')).status).toBe(401);
  });
});
