import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { pushImage, sha } from './artifacts-fixtures';

// The push path's half of GC's optimistic locking: every push that needs a blob bumps its
// version (so a mark GC already made goes stale) and a blob GC is already deleting refuses the
// manifest instead of letting it land on content that is going away.

let stack: TestStack;
let db: DataSource;
const auth = { authorization: basicAuth(ADMIN) };

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
});
afterAll(() => stack.stop());

async function blobRow(digest: string): Promise<{ version: number; status: string }> {
  const [row] = await db.query(`SELECT version, status FROM blob WHERE digest = $1`, [digest]);
  return { version: Number(row.version), status: row.status };
}

async function uploadBlob(repo: string, blob: Buffer): Promise<string> {
  const res = await fetch(`${stack.url}/v2/${repo}/blobs/uploads/?digest=${sha(blob)}`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: blob,
  });
  expect(res.status).toBe(201);
  return sha(blob);
}

function imageManifest(config: Buffer, layer: Buffer): Buffer {
  return Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(layer), size: layer.length }],
  }));
}

const putManifest = (repo: string, tag: string, manifest: Buffer) => fetch(`${stack.url}/v2/${repo}/manifests/${tag}`, {
  method: 'PUT', headers: { ...auth, 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: manifest,
});

describe('pushes against a running GC', () => {
  it('a manifest push bumps the version of every blob it needs and takes marked blobs back', async () => {
    const content = randomBytes(64);
    await pushImage(stack.url, 'library/race-bump', 'v1', content);
    const layer = sha(content);
    await db.query(`UPDATE blob SET status = 'delete' WHERE digest = $1`, [layer]);
    const before = await blobRow(layer);
    await pushImage(stack.url, 'library/race-bump', 'v2', content);
    const after = await blobRow(layer);
    expect(after.status).toBe('none');
    // Once for the manifest's claim, once more for the upload's charge of the same blob.
    expect(after.version).toBeGreaterThan(before.version);
  });

  it('a blob upload re-references a marked blob: version bumped, status back to none', async () => {
    const blob = randomBytes(32);
    const digest = await uploadBlob('library/race-upload', blob);
    await db.query(`UPDATE blob SET status = 'delete' WHERE digest = $1`, [digest]);
    const before = await blobRow(digest);
    await uploadBlob('library/race-upload', blob);
    expect(await blobRow(digest)).toEqual({ version: before.version + 1, status: 'none' });
  });

  it('refuses a manifest whose blob GC is deleting: 404 MANIFEST_BLOB_UNKNOWN, nothing recorded or stored', async () => {
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', salt: randomBytes(8).toString('hex') }));
    const layer = randomBytes(48);
    await uploadBlob('library/race-doomed', config);
    const layerDigest = await uploadBlob('library/race-doomed', layer);
    await db.query(`UPDATE blob SET status = 'deleting' WHERE digest = $1`, [layerDigest]);
    const before = await blobRow(layerDigest);

    const res = await putManifest('library/race-doomed', 'v1', imageManifest(config, layer));
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors: unknown[] };
    expect(body.errors[0]).toEqual({ code: 'MANIFEST_BLOB_UNKNOWN', message: expect.stringContaining('garbage collection'), detail: { digest: layerDigest } });

    // GC keeps its claim: the row still says deleting at the same version, so its sweep goes on.
    expect(await blobRow(layerDigest)).toEqual(before);
    expect(await db.query(`SELECT 1 FROM artifact WHERE repository_name = 'library/race-doomed'`)).toEqual([]);
    const get = await fetch(`${stack.url}/v2/library/race-doomed/manifests/v1`, { headers: auth });
    expect(get.status).toBe(404);
  });

  it('once GC has finished, pushing the blob again lets the same manifest through', async () => {
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', salt: randomBytes(8).toString('hex') }));
    const layer = randomBytes(48);
    await uploadBlob('library/race-after', config);
    const layerDigest = await uploadBlob('library/race-after', layer);
    await db.query(`UPDATE blob SET status = 'deleting' WHERE digest = $1`, [layerDigest]);
    expect((await putManifest('library/race-after', 'v1', imageManifest(config, layer))).status).toBe(404);
    // GC's last step removes the row (the content went through registryctl); the client retries.
    await db.query(`DELETE FROM project_blob WHERE blob_id = (SELECT id FROM blob WHERE digest = $1)`, [layerDigest]);
    await db.query(`DELETE FROM blob WHERE digest = $1`, [layerDigest]);
    await uploadBlob('library/race-after', layer);
    expect((await putManifest('library/race-after', 'v1', imageManifest(config, layer))).status).toBe(201);
    expect((await blobRow(layerDigest)).status).toBe('none');
  });
});
