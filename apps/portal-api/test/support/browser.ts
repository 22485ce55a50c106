import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

// Debian's chromium driven by playwright-core: one browser per spec file, one context (cookie
// jar) per signed-in user.

export type { Browser, BrowserContext, Locator, Page };

const SCREENSHOTS = resolve(__dirname, '../../../../dist/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

/** Uncaught exceptions and CSP violations of every page opened with newPage; specs assert none. */
export const scriptErrors: string[] = [];

export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const page = await context.newPage();
  page.on('pageerror', (err) => scriptErrors.push(`${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) scriptErrors.push(`${page.url()}: ${msg.text()}`);
  });
  page.setDefaultTimeout(15_000);
  return page;
}

/** Fills and submits the sign-in form, then waits for the shell of a signed-in page. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  // A page that was just opened may still be on its way to sign-in (the redirect waits for
  // /users/current): wait until it shows either the form or a signed-in shell.
  if (page.url() !== 'about:blank') await page.locator('.login-form, .app-header').first().waitFor();
  if ((await page.locator('.login-form').count()) === 0) await page.goto('/account/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'LOG IN' }).click();
  await page.locator('.app-header').waitFor();
}

/** A fresh page signed in as the user, on the projects list where sign-in lands. */
export async function signedInPage(browser: Browser, baseURL: string, user: { username: string; password: string }): Promise<Page> {
  const page = await newPage(browser, baseURL);
  await signIn(page, user.username, user.password);
  await page.waitForURL('**/harbor/projects');
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** A data-grid row by a cell's exact text. */
export function gridRow(page: Page, cellText: string): Locator {
  return page.locator('.grid-table tbody tr').filter({ has: page.getByRole('cell', { name: cellText, exact: true }) });
}

/** Ticks a row's checkbox and clicks a toolbar action. */
export async function actOnRow(page: Page, cellText: string, action: string): Promise<void> {
  await gridRow(page, cellText).getByRole('checkbox').check();
  await page.getByRole('button', { name: action, exact: true }).click();
}

/** The labels of the data grid's toolbar actions, in order. */
export function toolbarActions(page: Page): Promise<string[]> {
  return page.locator('.grid-actions button').allTextContents();
}

/** The labels of the project page's tabs, in order. */
export function projectTabs(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Project sections' }).getByRole('link').allTextContents();
}

/** Waits until the alert (role=alert) with this text is visible and returns its text. */
export async function alertText(scope: Page | Locator, contains: string | RegExp): Promise<string> {
  const alert = scope.getByRole('alert').filter({ hasText: contains }).first();
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}
