import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Podman, skopeo } from '../../../registry/test/support/clients';
import { buildImageLayout, type BuiltImage } from '../../../registry/test/support/oci-layout';
import { ApiClient } from '../support/api-client';
import { type ProxiedStack, startProxiedStack } from '../support/proxied-stack';
import { ADMIN } from '../support/test-stack';
import { ruleBody, rulesPath } from './immutable-fixtures';
import { createProject } from './projects.fixtures';

// Real clients through the real proxy: a rule made through the API stops skopeo and podman
// from overwriting a protected tag, and what the tag names stays the first image.

let stack: ProxiedStack;
let work: string;
let project: { id: number; name: string };
const images = {} as Record<'first' | 'second', { layout: string; image: BuiltImage }>;
const CREDS = `${ADMIN.username}:${ADMIN.password}`;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'immutable-clients-'));
  stack = await startProxiedStack();
  const admin = new ApiClient(stack.url).as(ADMIN);
  project = await createProject(admin);
  for (const name of ['first', 'second'] as const) {
    const layout = join(work, name);
    images[name] = { layout, image: await buildImageLayout(layout, { tag: 'src', files: [{ path: `${name}.txt`, content: `the ${name} image\n` }] }) };
  }
  const res = await admin.post(rulesPath(project.id), ruleBody('v*', 'app'));
  if (res.status !== 201) throw new Error(`create rule: ${res.status} ${res.text}`);
});
afterAll(async () => {
  await stack.stop();
  await rm(work, { recursive: true, force: true });
});

const ref = (tag: string) => `${stack.httpHost}/${project.name}/app:${tag}`;
const copy = (which: 'first' | 'second', tag: string) =>
  skopeo(['copy', '--dest-tls-verify=false', `--dest-creds=${CREDS}`, `oci:${images[which].layout}:src`, `docker://${ref(tag)}`]);
const failure = (p: Promise<unknown>) => p.then(() => 'succeeded', (e: Error) => e.message);
const REFUSED = () => `Failed to process request due to 'app:v1' configured as immutable.`;

async function storedDigest(tag: string): Promise<string | undefined> {
  const rows: { digest: string }[] = await stack.core.deps.db.query(
    `SELECT a.digest FROM tag t JOIN artifact a ON a.id = t.artifact_id JOIN repository r ON r.repository_id = t.repository_id WHERE r.name = $1 AND t.name = $2`,
    [`${project.name}/app`, tag],
  );
  return rows[0]?.digest;
}

describe('immutable tags with real clients', () => {
  it('lets skopeo push a new protected tag, then refuses it the overwrite', async () => {
    await copy('first', 'v1');
    expect(await failure(copy('second', 'v1'))).toContain(REFUSED());
    expect(await storedDigest('v1')).toBe(images.first.image.manifestDigest);
    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', `--creds=${CREDS}`, `docker://${ref('v1')}`]);
    expect(Buffer.from(raw.stdout).equals(images.first.image.manifest)).toBe(true);
  });

  it('refuses podman the same overwrite, while a new tag and an unprotected one go through', async () => {
    await copy('second', 'latest');
    await copy('second', 'latest'); // not covered by the rule: overwritable
    const podman = await Podman.create('podman-immutable');
    try {
      await podman.podman(['login', '--tls-verify=false', '-u', ADMIN.username, '-p', ADMIN.password, stack.httpHost]);
      await podman.pull(ref('latest'));
      await podman.tag(ref('latest'), ref('v1'));
      expect(await failure(podman.push(ref('v1')))).toContain(REFUSED());
      await podman.tag(ref('latest'), ref('v2'));
      expect(await podman.push(ref('v2'))).toBe(await storedDigest('v2'));
    } finally {
      await podman.dispose();
    }
    expect(await storedDigest('v1')).toBe(images.first.image.manifestDigest);
  });
});
