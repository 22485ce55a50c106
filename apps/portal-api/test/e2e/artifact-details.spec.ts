import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skopeo } from '../../../registry/test/support/clients';
import { buildMultiArchLayout, type BuiltIndex, type BuiltImage } from '../../../registry/test/support/oci-layout';
import { type Browser, gridRow, launchBrowser, type Page, screenshot, scriptErrors, signedInPage } from '../support/browser';
import { inspectRaw, pushImage } from '../support/images';
import { ADMIN, type PortalStack, startPortalStack } from '../support/portal-stack';

// One artifact's page against the real stack: an image and an image index pushed with skopeo,
// their digests, tags and children as the API reports them; tags added (then pulled by that
// tag) and deleted, an immutable tag's delete refused in the server's words, labels added and
// removed; a Guest sees all of it and none of the controls.

let stack: PortalStack;
let browser: Browser;
let page: Page;
let image: BuiltImage;
let index: BuiltIndex;
let projectId: number;
const ADMIN_CREDS = `${ADMIN.username}:${ADMIN.password}`;
const GINA = { username: 'gina', password: 'Gina1234pw' };

interface ArtifactBody {
  digest: string;
  manifest_media_type: string;
  tags?: { name: string }[];
  labels?: { id: number; name: string }[];
  references?: { child_digest: string }[];
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startPortalStack(), launchBrowser()]);
  expect((await stack.admin.post('/projects', { project_name: 'shop', metadata: { public: 'false' } })).status).toBe(201);
  projectId = (await stack.admin.get<{ project_id: number }>('/projects/shop', { 'X-Is-Resource-Name': 'true' })).body.project_id;
  expect((await stack.admin.post('/users', { ...GINA, email: 'gina@example.com', realname: 'Gina' })).status).toBe(201);
  expect((await stack.admin.post(`/projects/${projectId}/members`, { role_id: 3, member_user: { username: GINA.username } })).status).toBe(201);
  image = await pushImage(stack.host, 'shop/web:v1', ADMIN_CREDS, 'web\n');
  const dir = await mkdtemp(join(tmpdir(), 'portal-index-'));
  try {
    index = await buildMultiArchLayout(dir, { tag: 'm', platforms: [{ architecture: 'amd64', os: 'linux' }, { architecture: 'arm64', os: 'linux' }] });
    await skopeo(['copy', '--all', '--dest-tls-verify=false', `--dest-creds=${ADMIN_CREDS}`, `oci:${dir}:m`, `docker://${stack.host}/shop/multi:m`]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  page = await signedInPage(browser, stack.baseUrl, ADMIN);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const artifactApi = (repo: string, digest: string) => `/projects/shop/repositories/${repo}/artifacts/${digest}?with_tag=true&with_label=true`;
const fetchArtifact = async (repo: string, digest: string) => (await stack.admin.get<ArtifactBody>(artifactApi(repo, digest))).body;
const detailsUrl = (repo: string, digest: string) => `/harbor/projects/${projectId}/repositories/${repo}/artifacts-tab/artifacts/${encodeURIComponent(digest)}`;
const region = (p: Page, name: string) => p.getByRole('region', { name, exact: true });
const tagNames = (p: Page) => region(p, 'Tags').locator('tbody tr td:first-child').evaluateAll((cells) => cells.map((c) => c.firstChild?.textContent ?? ''));

describe('details', () => {
  it('opens from the grid\'s digest and shows the image\'s digest, type, tags as the API has them', async () => {
    await page.goto(`/harbor/projects/${projectId}/repositories/web/artifacts-tab`);
    await gridRow(page, image.manifestDigest.slice(0, 15)).getByRole('link').click();
    await page.waitForURL(`**${detailsUrl('web', image.manifestDigest)}`);
    const api = await fetchArtifact('web', image.manifestDigest);
    expect(await page.getByRole('textbox', { name: 'Digest' }).inputValue()).toBe(api.digest);
    expect(api.digest).toBe(image.manifestDigest);
    const overview = await region(page, 'Overview').locator('.detail-row').allTextContents();
    expect(overview).toContain(`Media Type${api.manifest_media_type}`);
    expect(await tagNames(page)).toEqual((api.tags ?? []).map((t) => t.name));
    expect(await tagNames(page)).toEqual(['v1']);
    // No children for an image.
    expect(await region(page, 'Children').count()).toBe(0);
    await screenshot(page, 'artifact-details-image');
  });

  it('lists an index\'s children as the API does, each linking to its own details', async () => {
    await page.goto(detailsUrl('multi', index.indexDigest));
    const children = region(page, 'Children');
    await children.waitFor();
    const api = await fetchArtifact('multi', index.indexDigest);
    const shown = await children.locator('tbody .digest').allTextContents();
    expect(shown).toEqual((api.references ?? []).map((r) => r.child_digest));
    expect([...shown].sort()).toEqual(index.images.map((i) => i.manifestDigest).sort());
    expect(await children.locator('tbody td:nth-child(2)').allTextContents()).toEqual(expect.arrayContaining(['linux/amd64', 'linux/arm64']));
    await screenshot(page, 'artifact-details-index');
    await children.getByRole('link').first().click();
    await page.waitForURL(`**${detailsUrl('multi', shown[0])}`);
    await page.getByRole('textbox', { name: 'Digest' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Digest' }).inputValue()).toBe(shown[0]);
  });
});

describe('tags', () => {
  it('adds a tag that the API lists and skopeo pulls; a duplicate is refused in the server\'s words', async () => {
    await page.goto(detailsUrl('web', image.manifestDigest));
    const tags = region(page, 'Tags');
    const input = tags.getByLabel('New tag');
    await input.fill('.bad');
    expect(await tags.getByRole('button', { name: 'ADD TAG' }).isDisabled()).toBe(true);
    await input.fill('release-1');
    await tags.getByRole('button', { name: 'ADD TAG' }).click();
    await tags.getByRole('cell', { name: 'release-1', exact: true }).waitFor();
    expect((await fetchArtifact('web', image.manifestDigest)).tags?.map((t) => t.name).sort()).toEqual(['release-1', 'v1']);
    expect((await inspectRaw(stack.host, 'shop/web:release-1', ADMIN_CREDS)).equals(image.manifest)).toBe(true);

    await tags.getByLabel('New tag').fill('v1');
    await tags.getByRole('button', { name: 'ADD TAG' }).click();
    const refused = await stack.admin.post<{ errors: { message: string }[] }>(`/projects/shop/repositories/web/artifacts/${image.manifestDigest}/tags`, { name: 'v1' });
    expect(refused.status).toBe(409);
    await tags.getByRole('alert').filter({ hasText: refused.body.errors[0].message }).waitFor();
  });

  it('deletes a tag after confirmation', async () => {
    await region(page, 'Tags').getByRole('button', { name: 'Delete tag release-1' }).click();
    await page.getByRole('dialog', { name: 'Confirm tag deletion' }).getByRole('button', { name: 'DELETE' }).click();
    await region(page, 'Tags').getByRole('cell', { name: 'release-1', exact: true }).waitFor({ state: 'detached' });
    expect((await fetchArtifact('web', image.manifestDigest)).tags?.map((t) => t.name)).toEqual(['v1']);
    await expect(inspectRaw(stack.host, 'shop/web:release-1', ADMIN_CREDS)).rejects.toThrow(/manifest unknown|not found/i);
  });

  it('shows the server\'s refusal to delete an immutable tag, which stays', async () => {
    const rule = { tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: 'v1' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] } };
    expect((await stack.admin.post(`/projects/${projectId}/immutabletagrules`, rule)).status).toBe(201);
    await page.reload();
    await region(page, 'Tags').getByRole('button', { name: 'Delete tag v1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm tag deletion' });
    await dialog.getByRole('button', { name: 'DELETE' }).click();
    const refused = await stack.admin.delete<{ errors: { message: string }[] }>(`/projects/shop/repositories/web/artifacts/${image.manifestDigest}/tags/v1`);
    expect(refused.status).toBe(412);
    await dialog.getByRole('alert').filter({ hasText: refused.body.errors[0].message }).waitFor();
    await screenshot(page, 'artifact-details-immutable');
    await dialog.getByRole('button', { name: 'CANCEL' }).click();
    expect((await fetchArtifact('web', image.manifestDigest)).tags?.map((t) => t.name)).toEqual(['v1']);
  });
});

describe('labels', () => {
  it('adds a global and a project label, shown as chips here and in the grid, and removes one', async () => {
    expect((await stack.admin.post('/labels', { name: 'qa-passed', color: '#60b515', scope: 'g' })).status).toBe(201);
    expect((await stack.admin.post('/labels', { name: 'shop-only', color: '#0065ab', scope: 'p', project_id: projectId })).status).toBe(201);
    await page.reload();
    const labels = region(page, 'Labels');
    for (const name of ['qa-passed', 'shop-only (project)']) {
      await labels.getByLabel('Label to add').selectOption({ label: name });
      await labels.getByRole('button', { name: 'ADD LABEL' }).click();
      await labels.locator('.label-chip', { hasText: name.replace(' (project)', '') }).waitFor();
    }
    expect((await fetchArtifact('web', image.manifestDigest)).labels?.map((l) => l.name).sort()).toEqual(['qa-passed', 'shop-only']);
    await screenshot(page, 'artifact-details-labels');

    await page.goto(`/harbor/projects/${projectId}/repositories/web/artifacts-tab`);
    const row = gridRow(page, image.manifestDigest.slice(0, 15));
    await row.locator('.label-chip').first().waitFor();
    expect((await row.locator('.label-chip').allTextContents()).sort()).toEqual(['qa-passed', 'shop-only']);
    await screenshot(page, 'artifacts-labels');

    await page.goto(detailsUrl('web', image.manifestDigest));
    await region(page, 'Labels').getByRole('button', { name: 'Remove label qa-passed' }).click();
    await region(page, 'Labels').locator('.label-chip', { hasText: 'qa-passed' }).waitFor({ state: 'detached' });
    expect((await fetchArtifact('web', image.manifestDigest)).labels?.map((l) => l.name)).toEqual(['shop-only']);
  });
});

describe('Guest', () => {
  it('sees the tags and labels without any control to change them', async () => {
    const guest = await signedInPage(browser, stack.baseUrl, GINA);
    await guest.goto(detailsUrl('web', image.manifestDigest));
    await region(guest, 'Tags').locator('tbody tr').first().waitFor();
    // v1 carries the immutability rule's badge, as the API marks it.
    expect(await tagNames(guest)).toEqual(['v1']);
    expect(await region(guest, 'Tags').locator('tbody .badge').allTextContents()).toEqual(['immutable']);
    expect(await region(guest, 'Labels').locator('.label-chip').allTextContents()).toEqual(['shop-only']);
    expect(await guest.getByRole('form', { name: 'Add tag' }).count()).toBe(0);
    expect(await guest.getByRole('form', { name: 'Add label' }).count()).toBe(0);
    expect(await guest.getByRole('button', { name: /^(Delete tag|Remove label)/ }).count()).toBe(0);
    await screenshot(guest, 'artifact-details-guest');
    await guest.context().close();
  });
});

it('raised no script errors or CSP violations in the pages', () => {
  expect(scriptErrors).toEqual([]);
});
