import { alertText, type Browser, gridRow, launchBrowser, newPage, type Page, screenshot, scriptErrors, signIn } from '../support/browser';
import { type PortalJobs, startPortalJobs } from '../support/portal-jobs';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// Administration > Clean Up in a real browser, with the jobs really running: core launches
// them through a real jobservice, whose GC sweeps the registry's storage through registryctl
// and whose purge deletes audit rows.

let stack: PortalStack;
let jobs: PortalJobs;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  jobs = await startPortalJobs(stack);
  page = await newPage(browser, stack.baseUrl);
  await page.goto('/harbor/clearing-job');
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.waitForURL('**/harbor/clearing-job/gc');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await jobs?.stop();
  await stack?.stop();
});

interface Run {
  id: number;
  job_status: string;
  job_kind: string;
  job_parameters: string;
}

/** The newest run on the server, once it has finished. */
async function newestRun(path: string): Promise<Run> {
  const runs = (await stack.admin.get<Run[]>(`${path}?page=1&page_size=1`)).body;
  expect(runs).toHaveLength(1);
  return runs[0];
}

/** Waits for the history row of run `id` to show `status` (the grid refreshes itself while a run is unfinished). */
async function rowShows(id: number | string, status: string): Promise<void> {
  await gridRow(page, String(id)).getByRole('cell', { name: status, exact: true }).waitFor({ timeout: 30_000 });
}

describe('Garbage Collection', () => {
  it('runs GC now with untagged deletion; the history shows Success and the log opens as text', async () => {
    await page.getByRole('checkbox', { name: 'Allow garbage collection on untagged artifacts' }).check();
    await page.getByRole('button', { name: 'GC NOW' }).click();
    await page.getByRole('status').filter({ hasText: 'Garbage collection started' }).waitFor();
    await page.locator('.grid-table tbody tr:not(.empty)').first().waitFor();
    const run = await newestRun('/system/gc');
    await rowShows(run.id, 'Success');
    const finished = (await stack.admin.get<Run>(`/system/gc/${run.id}`)).body;
    expect(finished).toMatchObject({ job_status: 'Success', job_kind: 'MANUAL' });
    expect(JSON.parse(finished.job_parameters)).toMatchObject({ delete_untagged: true, dry_run: false });
    expect(await gridRow(page, String(run.id)).locator('td').allTextContents()).toEqual(expect.arrayContaining(['MANUAL', 'No', 'Success']));
    await screenshot(page, 'admin-gc');

    const [log] = await Promise.all([page.context().waitForEvent('page'), gridRow(page, String(run.id)).getByRole('link', { name: `Log of job ${run.id}` }).click()]);
    await log.waitForLoadState();
    const text = (await log.locator('body').textContent()) ?? '';
    expect(text).toMatch(/blobs deleted, .* freed/);
    expect(text.trim()).toBe((await stack.admin.get<string>(`/system/gc/${run.id}/log`)).text.trim());
    await log.close();
  });

  it('runs a dry run, shown as such in the history', async () => {
    await page.getByRole('button', { name: 'DRY RUN' }).click();
    await page.getByRole('status').filter({ hasText: 'Dry run started' }).waitFor();
    const run = await newestRun('/system/gc');
    expect(JSON.parse(run.job_parameters)).toMatchObject({ dry_run: true });
    await rowShows(run.id, 'Success');
    expect(await gridRow(page, String(run.id)).locator('td').allTextContents()).toEqual(expect.arrayContaining(['MANUAL', 'Yes', 'Success']));
    expect((await stack.admin.get<string>(`/system/gc/${run.id}/log`)).text).toMatch(/dry run/);
  });

  it('saves a custom, a preset and no schedule; the server refuses a bad cron with its message', async () => {
    const type = page.getByLabel('Schedule', { exact: true });
    const cron = page.getByRole('textbox', { name: 'Cron' });
    await type.selectOption('Custom');
    await cron.fill('0 30 2 * * *');
    await page.getByRole('button', { name: 'SAVE' }).click();
    await page.getByRole('status').filter({ hasText: 'Schedule saved' }).waitFor();
    type Schedule = { schedule?: { type: string; cron: string }; job_parameters?: string };
    let saved = (await stack.admin.get<Schedule>('/system/gc/schedule')).body;
    expect(saved.schedule).toMatchObject({ type: 'Custom', cron: '0 30 2 * * *' });
    expect(JSON.parse(saved.job_parameters ?? '{}')).toMatchObject({ delete_untagged: true, dry_run: false });
    await page.getByText(/^Next scheduled time: /).waitFor();
    await screenshot(page, 'admin-gc-schedule');

    await cron.fill('* * *');
    await page.getByRole('button', { name: 'SAVE' }).click();
    const refusal = await alertText(page, 'invalid cron');
    expect(refusal).toContain((await stack.admin.put<{ errors: { message: string }[] }>('/system/gc/schedule', { schedule: { type: 'Custom', cron: '* * *' } })).body.errors[0].message);
    expect((await stack.admin.get<Schedule>('/system/gc/schedule')).body.schedule?.cron).toBe('0 30 2 * * *');

    await type.selectOption('Daily');
    expect(await cron.inputValue()).toBe('0 0 0 * * *');
    expect(await cron.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'SAVE' }).click();
    await page.getByRole('status').filter({ hasText: 'Schedule saved' }).waitFor();
    saved = (await stack.admin.get<Schedule>('/system/gc/schedule')).body;
    expect(saved.schedule).toMatchObject({ type: 'Daily', cron: '0 0 0 * * *' });

    await type.selectOption('None');
    await page.getByRole('button', { name: 'SAVE' }).click();
    await page.getByRole('status').filter({ hasText: 'Schedule saved' }).waitFor();
    expect((await stack.admin.get<Schedule>('/system/gc/schedule')).body).toEqual({});
    await page.reload();
    expect(await page.getByLabel('Schedule', { exact: true }).inputValue()).toBe('None');
  });
});

describe('Log Rotation', () => {
  it('purges audit logs older than the retention for the chosen event types, and runs a dry run', async () => {
    await page.getByRole('link', { name: 'Log Rotation' }).click();
    await page.waitForURL('**/harbor/clearing-job/audit-log-purge');
    await page.getByRole('checkbox', { name: 'pull_artifact' }).waitFor();
    await page.getByLabel('Keep records in (hours)').fill('1');
    await page.getByRole('checkbox', { name: 'login_user' }).uncheck();
    await page.getByRole('button', { name: 'PURGE NOW' }).click();
    await page.getByRole('status').filter({ hasText: 'Log purge started' }).waitFor();
    const run = await newestRun('/system/purgeaudit');
    const params = JSON.parse(run.job_parameters) as { audit_retention_hour: number; include_event_types: string; dry_run: boolean };
    expect(params).toMatchObject({ audit_retention_hour: 1, dry_run: false });
    expect(params.include_event_types.split(',')).toContain('create_project');
    expect(params.include_event_types.split(',')).not.toContain('login_user');
    await rowShows(run.id, 'Success');
    expect((await stack.admin.get<Run>(`/system/purgeaudit/${run.id}`)).body.job_status).toBe('Success');
    await screenshot(page, 'admin-log-rotation');

    await page.getByRole('button', { name: 'DRY RUN' }).click();
    await page.getByRole('status').filter({ hasText: 'Dry run started' }).waitFor();
    const dry = await newestRun('/system/purgeaudit');
    expect(dry.id).not.toBe(run.id);
    await rowShows(dry.id, 'Success');
    expect(await gridRow(page, String(dry.id)).locator('td').allTextContents()).toEqual(expect.arrayContaining(['MANUAL', 'Yes', 'Success']));
  });

  it('saves a weekly schedule with the retention each run gets', async () => {
    await page.getByLabel('Keep records in (hours)').fill('48');
    await page.getByLabel('Schedule', { exact: true }).selectOption('Weekly');
    await page.getByRole('button', { name: 'SAVE' }).click();
    await page.getByRole('status').filter({ hasText: 'Schedule saved' }).waitFor();
    const saved = (await stack.admin.get<{ schedule: { type: string; cron: string }; job_parameters: string }>('/system/purgeaudit/schedule')).body;
    expect(saved.schedule).toMatchObject({ type: 'Weekly', cron: '0 0 0 * * 0' });
    expect(JSON.parse(saved.job_parameters)).toMatchObject({ audit_retention_hour: 48, dry_run: false });
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
