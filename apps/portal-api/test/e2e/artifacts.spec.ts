import { actOnRow, alertText, type Browser, gridRow, launchBrowser, newPage, type Page, screenshot, scriptErrors, signIn } from '../support/browser';
import { inspectRaw, pushImage } from '../support/images';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';
import type { BuiltImage } from '../../../registry/test/support/oci-layout';

// An image pushed with skopeo, seen through the portal: the repository, the artifact's digest,
// tags and size, the pull command; then deleting it. And server text with markup stays text.

let stack: PortalStack;
let browser: Browser;
let page: Page;
let image: BuiltImage;
let projectId: number;
const ADMIN_CREDS = `${ADMIN.username}:${ADMIN.password}`;
// A repository name with a slash: the portal URL and the API path must both carry it.
const REPO = 'apps/tools/hello';

interface ArtifactBody {
  digest: string;
  size: number;
  tags?: { name: string }[];
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  expect((await stack.admin.post('/projects', { project_name: 'apps', metadata: { public: 'false' } })).status).toBe(201);
  projectId = (await stack.admin.get<{ project_id: number }>('/projects/apps', { 'X-Is-Resource-Name': 'true' })).body.project_id;
  image = await pushImage(stack.host, `${REPO}:v1`, ADMIN_CREDS, 'hello\n');
  await pushImage(stack.host, `${REPO}:v2`, ADMIN_CREDS, 'hello\n'); // same content: a second tag on one artifact
  page = await newPage(browser, stack.baseUrl);
  await signIn(page, ADMIN.username, ADMIN.password);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The repository in API paths: without the project, encoded twice as Harbor's portal does. */
const repoPath = `/projects/apps/repositories/${encodeURIComponent(encodeURIComponent('tools/hello'))}`;

/** "1.23KiB" back to bytes, to compare with the API's exact size. */
function parseSize(text: string): number {
  const match = /^([\d.]+)(B|KiB|MiB|GiB)$/.exec(text);
  if (!match) throw new Error(`not a size: ${text}`);
  return Number(match[1]) * 1024 ** ['B', 'KiB', 'MiB', 'GiB'].indexOf(match[2]);
}

describe('repositories and artifacts', () => {
  it('lists the pushed repository in its project with the API\'s counts', async () => {
    await page.getByRole('link', { name: 'apps', exact: true }).click();
    await page.waitForURL(`**/harbor/projects/${projectId}/repositories`);
    const row = gridRow(page, REPO);
    await row.waitFor();
    const repo = (await stack.admin.get<{ artifact_count: number; pull_count: number }>(repoPath)).body;
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining([REPO, String(repo.artifact_count), String(repo.pull_count)]));
    expect(repo.artifact_count).toBe(1);
  });

  it('shows the artifact with the pushed digest, both tags, its size and a working pull command', async () => {
    await page.getByRole('link', { name: REPO, exact: true }).click();
    await page.waitForURL(`**/harbor/projects/${projectId}/repositories/tools%2Fhello/artifacts-tab`);
    const row = gridRow(page, image.manifestDigest.slice(0, 15));
    await row.waitFor();
    expect(await row.locator('.digest').getAttribute('title')).toBe(image.manifestDigest);
    expect(await row.locator('.tags .label').allTextContents()).toEqual(expect.arrayContaining(['v1', 'v2']));
    const [artifact] = (await stack.admin.get<ArtifactBody[]>(`${repoPath}/artifacts`)).body;
    expect(artifact.digest).toBe(image.manifestDigest);
    const sizeText = (await row.locator('td.number').textContent()) ?? '';
    expect(Math.abs(parseSize(sizeText) - artifact.size)).toBeLessThanOrEqual(artifact.size < 1024 ? 0 : 0.005 * 1024);

    await row.getByRole('button', { name: 'Copy pull command' }).click();
    const command = `docker pull ${stack.host}/${REPO}@${image.manifestDigest}`;
    expect(await row.getByRole('textbox', { name: 'Pull command' }).inputValue()).toBe(command);
    await row.getByText('Copied').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(command);
    await screenshot(page, 'artifacts');
    // The command names something that really pulls.
    const reference = command.replace(/^docker pull [^/]+\//, '');
    expect((await inspectRaw(stack.host, reference, ADMIN_CREDS)).equals(image.manifest)).toBe(true);
  });

  it('deletes the artifact after confirmation, and the registry no longer serves it', async () => {
    await page.keyboard.press('Escape');
    await actOnRow(page, image.manifestDigest.slice(0, 15), 'DELETE');
    const confirm = page.getByRole('dialog', { name: 'Confirm artifact deletion' });
    expect(await confirm.locator('.dialog-body').textContent()).toContain(image.manifestDigest.slice(0, 15));
    await confirm.getByRole('button', { name: 'DELETE' }).click();
    await page.getByText('We could not find any artifacts!').waitFor();
    const left = await stack.admin.get<ArtifactBody[]>(`${repoPath}/artifacts`);
    expect(left.body).toEqual([]);
    await expect(inspectRaw(stack.host, `${REPO}@${image.manifestDigest}`, ADMIN_CREDS)).rejects.toThrow(/manifest unknown|not found/i);
  });
});

describe('server text with markup', () => {
  const EVIL_USER = '<img src=x onerror=window.__xss=1>';
  const EVIL_NAME = '<b>bold</b>';
  const EVIL_DESCRIPTION = '<script>window.__xss=2</script><i>robot</i>';

  it('is rendered as text in grids and in error messages', async () => {
    expect((await stack.admin.post('/users', { username: EVIL_USER, email: 'xss@example.com', realname: EVIL_NAME, password: 'Xss12345pw' })).status).toBe(201);
    expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: 2, member_user: { username: EVIL_USER } })).status).toBe(201);
    const robot = { name: 'markup', level: 'project', duration: -1, description: EVIL_DESCRIPTION, permissions: [{ kind: 'project', namespace: 'apps', access: [{ resource: 'repository', action: 'pull' }] }] };
    expect((await stack.admin.post('/robots', robot)).status).toBe(201);

    await page.goto(`/harbor/projects/${projectId}/members`);
    await gridRow(page, EVIL_USER).waitFor();
    await page.getByRole('button', { name: '+ USER' }).click();
    const add = page.getByRole('dialog', { name: 'New Member' });
    await add.getByLabel('Name').fill(EVIL_NAME);
    await add.getByRole('button', { name: 'OK' }).click();
    expect(await alertText(add, 'not found')).toBe(`user ${EVIL_NAME} not found`);
    await add.getByRole('button', { name: 'CANCEL' }).click();

    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Robot Accounts' }).click();
    await gridRow(page, EVIL_DESCRIPTION).waitFor();
    expect(await gridRow(page, EVIL_DESCRIPTION).locator('td').allTextContents()).toEqual(expect.arrayContaining(['robot$apps+markup', 'Never Expires']));

    await page.getByRole('link', { name: 'Users' }).click();
    await gridRow(page, EVIL_USER).waitFor();
    expect(await gridRow(page, EVIL_USER).locator('td').allTextContents()).toEqual(expect.arrayContaining([EVIL_USER, EVIL_NAME]));
    await screenshot(page, 'users-markup');

    // Nothing was parsed as markup anywhere along the way.
    expect(await page.locator('img[src="x"], .grid-table b, .grid-table i, .grid-table script').count()).toBe(0);
    expect(await page.evaluate<unknown>('window.__xss')).toBeUndefined();
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
