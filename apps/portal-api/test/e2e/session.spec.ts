import { actOnRow, alertText, type Browser, gridRow, launchBrowser, newPage, screenshot, scriptErrors, signIn } from '../support/browser';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// Signing in and out in a real browser against the real stack: the form, the redirects, the
// session cookie, and what the shell shows to admins and to everyone else.

let stack: PortalStack;
let browser: Browser;
const BOB = { username: 'bob', password: 'Bob12345pw' };

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  const created = await stack.admin.post('/users', { username: BOB.username, email: 'bob@example.com', realname: 'Bob Builder', password: BOB.password });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('signing in', () => {
  it('shows Harbor\'s message for a wrong password and starts no session', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await page.goto('/');
    await page.waitForURL('**/account/sign-in');
    await page.getByLabel('Username').fill(BOB.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'LOG IN' }).click();
    expect(await alertText(page, 'Invalid user name or password')).toContain('Invalid user name or password.');
    await screenshot(page, 'sign-in-error');
    expect(new URL(page.url()).pathname).toBe('/account/sign-in');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('sid');
    expect((await page.request.get('/api/v2.0/users/current')).status()).toBe(401);
    await page.context().close();
  });

  it('lands on the projects with the user, the version and the admin navigation', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForURL('**/harbor/projects');
    await gridRow(page, 'library').waitFor();
    const info = await stack.admin.get<{ harbor_version: string }>('/systeminfo');
    expect(await page.locator('.app-header .version').textContent()).toBe(info.body.harbor_version);
    expect(await page.locator('.app-header .username').textContent()).toBe('admin');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).toEqual(['Projects', 'Logs', 'Users', 'Robot Accounts', 'Labels', 'Clean Up', 'Configuration']);
    await screenshot(page, 'projects');
    const me = await page.request.get('/api/v2.0/users/current');
    expect(me.status()).toBe(200);
    expect((await me.json()).username).toBe('admin');
    await page.context().close();
  });

  it('sends a signed-out deep link to sign-in and back to it afterwards', async () => {
    const page = await newPage(browser, stack.baseUrl);
    const library = (await stack.admin.get<{ project_id: number }>('/projects/library', { 'X-Is-Resource-Name': 'true' })).body;
    await page.goto(`/harbor/projects/${library.project_id}/members`);
    await page.waitForURL('**/account/sign-in?**');
    expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(`/harbor/projects/${library.project_id}/members`);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForURL(`**/harbor/projects/${library.project_id}/members`);
    expect(await page.locator('.tab.active').textContent()).toBe('Members');
    await gridRow(page, 'admin').waitFor();
    expect(await gridRow(page, 'admin').locator('td').allTextContents()).toEqual(['', 'admin', 'User', 'Project Admin']);
    await page.context().close();
  });
});

describe('administration', () => {
  it('hides the users page from a user who is not an admin, and the API refuses too', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await signIn(page, BOB.username, BOB.password);
    await page.waitForURL('**/harbor/projects');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).toEqual(['Projects']);
    await page.goto('/harbor/users');
    await page.waitForURL('**/harbor/projects');
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Users' }).count()).toBe(0);
    expect((await page.request.get('/api/v2.0/users')).status()).toBe(403);
    await page.context().close();
  });

  it('shows the users page to an admin, who can make a user admin and back', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/harbor/users');
    await gridRow(page, BOB.username).waitFor();
    expect(await gridRow(page, BOB.username).locator('td').allTextContents()).toEqual(expect.arrayContaining(['bob', 'No', 'bob@example.com', 'Bob Builder']));
    await screenshot(page, 'users');
    await actOnRow(page, BOB.username, 'SET AS ADMIN');
    await gridRow(page, BOB.username).getByRole('cell', { name: 'Yes', exact: true }).waitFor();
    const bob = await stack.admin.get<{ user_id: number; sysadmin_flag: boolean }[]>('/users?q=username%3Dbob');
    expect(bob.body[0].sysadmin_flag).toBe(true);
    await actOnRow(page, BOB.username, 'REVOKE ADMIN');
    await gridRow(page, BOB.username).getByRole('cell', { name: 'No', exact: true }).waitFor();
    expect((await stack.admin.get<{ sysadmin_flag: boolean }>(`/users/${bob.body[0].user_id}`)).body.sysadmin_flag).toBe(false);
    await page.context().close();
  });

  it('creates a user with the New User dialog under Harbor\'s password rule, then deletes it', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.goto('/harbor/users');
    await page.getByRole('button', { name: '+ NEW USER' }).click();
    const form = page.getByRole('dialog', { name: 'New User' });
    await form.getByLabel('Username').fill('dave');
    await form.getByLabel('Email').fill('dave@example.com');
    await form.getByLabel('First and last name').fill('Dave Lister');
    await form.getByLabel('Password', { exact: true }).fill('weakpass');
    await form.getByLabel('Confirm Password').fill('weakpass');
    expect(await form.locator('.field-error').allTextContents()).toContain('Password should be 8-128 characters long with at least 1 uppercase, 1 lowercase and 1 number.');
    expect(await form.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await form.getByLabel('Password', { exact: true }).fill('Red-Dwarf3');
    await form.getByLabel('Confirm Password').fill('Red-Dwarf3');
    await screenshot(page, 'new-user-dialog');
    await form.getByRole('button', { name: 'OK' }).click();
    await form.waitFor({ state: 'detached' });
    await gridRow(page, 'dave').waitFor();
    const dave = (await stack.admin.get<{ user_id: number; realname: string }[]>('/users?q=username%3Ddave')).body;
    expect(dave).toEqual([expect.objectContaining({ realname: 'Dave Lister' })]);
    const login = await fetch(`${stack.baseUrl}/c/login`, { method: 'POST', body: new URLSearchParams({ principal: 'dave', password: 'Red-Dwarf3' }) });
    expect(login.status).toBe(200);

    await actOnRow(page, 'dave', 'DELETE');
    await page.getByRole('dialog', { name: 'Confirm user deletion' }).getByRole('button', { name: 'DELETE' }).click();
    await gridRow(page, 'dave').waitFor({ state: 'detached' });
    expect((await stack.admin.get(`/users/${dave[0].user_id}`)).status).toBe(404);
    await page.context().close();
  });
});

describe('signing out', () => {
  it('returns to sign-in and the old session cookie no longer works', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForURL('**/harbor/projects');
    const sid = (await page.context().cookies()).find((c) => c.name === 'sid')?.value;
    expect(sid).toBeTruthy();
    const withCookie = () => fetch(`${stack.baseUrl}/api/v2.0/users/current`, { headers: { cookie: `sid=${sid}` } });
    expect((await withCookie()).status).toBe(200);
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Log Out' }).click();
    await page.waitForURL('**/account/sign-in');
    await page.getByRole('button', { name: 'LOG IN' }).waitFor();
    await screenshot(page, 'sign-in');
    expect((await withCookie()).status).toBe(401);
    await page.goto('/harbor/users');
    await page.waitForURL('**/account/sign-in?redirect_url=%2Fharbor%2Fusers');
    await page.context().close();
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
