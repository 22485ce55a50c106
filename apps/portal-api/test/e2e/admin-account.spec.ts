import { alertText, type Browser, launchBrowser, newPage, type Page, screenshot, scriptErrors, signIn } from '../support/browser';
import { type PortalStack, startPortalStack } from '../support/portal-stack';

// The user menu's own-account actions in a real browser: User Profile and Change Password,
// checked against what the server then holds and accepts.

let stack: PortalStack;
let browser: Browser;
let erinId: number;
const ERIN = { username: 'erin', password: 'Erin12345pw' };
const NEW_PASSWORD = 'Better-Pass9';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  const created = await stack.admin.post('/users', { username: ERIN.username, email: 'erin@example.com', realname: 'Erin Hart', password: ERIN.password });
  expect(created.status).toBe(201);
  erinId = Number(created.headers.get('location')?.split('/').pop());
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openFromUserMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: /User menu/ }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

const login = (password: string) => fetch(`${stack.baseUrl}/c/login`, { method: 'POST', body: new URLSearchParams({ principal: ERIN.username, password }) });

describe('the user menu', () => {
  it('edits the user\'s own profile', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await signIn(page, ERIN.username, ERIN.password);
    await openFromUserMenu(page, 'User Profile');
    const form = page.getByRole('dialog', { name: 'User Profile' });
    expect(await form.getByLabel('Username').inputValue()).toBe('erin');
    expect(await form.getByLabel('Email').inputValue()).toBe('erin@example.com');
    await form.getByLabel('Email').fill('not-an-email');
    expect(await form.locator('.field-error').allTextContents()).toContain('Email should be a valid email address like name@example.com.');
    expect(await form.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await form.getByLabel('Email').fill('erin.hart@example.com');
    await form.getByLabel('First and last name').fill('Erin Hartley');
    await form.getByLabel('Comments').fill('on call');
    await screenshot(page, 'account-profile');
    await form.getByRole('button', { name: 'OK' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Saved successfully' }).waitFor();
    const stored = (await stack.admin.get<{ email: string; realname: string; comment: string }>(`/users/${erinId}`)).body;
    expect([stored.email, stored.realname, stored.comment]).toEqual(['erin.hart@example.com', 'Erin Hartley', 'on call']);

    await openFromUserMenu(page, 'User Profile');
    expect(await page.getByRole('dialog', { name: 'User Profile' }).getByLabel('First and last name').inputValue()).toBe('Erin Hartley');
    await page.context().close();
  });

  it('changes the password after proving the old one; a wrong old one shows the server\'s refusal', async () => {
    const page = await newPage(browser, stack.baseUrl);
    await signIn(page, ERIN.username, ERIN.password);
    await openFromUserMenu(page, 'Change Password');
    const form = page.getByRole('dialog', { name: 'Change Password' });
    const save = form.getByRole('button', { name: 'SAVE' });
    expect(await save.isDisabled()).toBe(true);
    await form.getByLabel('Current Password').fill('Wrong-Pass1');
    await form.getByLabel('New Password').fill('weak');
    expect(await form.locator('.field-error').allTextContents()).toContain('Password should be 8-128 characters long with at least 1 uppercase, 1 lowercase and 1 number.');
    await form.getByLabel('New Password').fill(NEW_PASSWORD);
    await form.getByLabel('Confirm Password').fill(NEW_PASSWORD);
    await save.click();
    expect(await alertText(form, 'incorrect')).toBe('Current password is incorrect');
    expect((await login(ERIN.password)).status).toBe(200);
    await screenshot(page, 'account-password-refused');

    await form.getByLabel('Current Password').fill(ERIN.password);
    await save.click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Password changed successfully' }).waitFor();
    expect((await login(NEW_PASSWORD)).status).toBe(200);
    expect((await login(ERIN.password)).status).toBe(401);
    // The user's own session was renewed, not ended: the portal keeps working.
    await page.goto('/harbor/projects');
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    expect((await page.request.get('/api/v2.0/users/current')).status()).toBe(200);
    await page.context().close();
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
