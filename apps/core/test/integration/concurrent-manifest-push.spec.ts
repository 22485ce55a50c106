import { randomBytes } from 'node:crypto';
import { basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { sha } from './artifacts-fixtures';

// Manifest pushes that share blobs, at once, in several projects: every push takes its blobs
// back from GC (StorageLedger.claim) and links them to its project (charge). Both lock blob
// rows; taken in different orders they deadlocked and a push failed with 500.

let stack: TestStack;
const auth = { authorization: basicAuth(ADMIN) };
const PROJECTS = ['shared-a', 'shared-b', 'shared-c'];
const LAYERS = Array.from({ length: 6 }, () => randomBytes(256));
const CONFIG = Buffer.from('{"architecture":"amd64","os":"linux"}');

beforeAll(async () => {
  stack = await startTestStack();
  for (const project of PROJECTS) {
    const res = await fetch(`${stack.url}/api/v2.0/projects`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ project_name: project, metadata: { public: 'false' } }),
    });
    expect(res.status).toBe(201);
    for (const blob of [CONFIG, ...LAYERS]) await uploadBlob(`${project}/app`, blob);
  }
});
afterAll(() => stack.stop());

async function uploadBlob(repo: string, blob: Buffer): Promise<void> {
  const res = await fetch(`${stack.url}/v2/${repo}/blobs/uploads/?digest=${sha(blob)}`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: blob,
  });
  expect(res.status).toBe(201);
}

/** The shared layers in a rotated order, so concurrent pushes name the same blobs in different orders. */
function manifest(rotation: number): Buffer {
  const layers = LAYERS.map((_, i) => LAYERS[(i + rotation) % LAYERS.length]);
  return Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(CONFIG), size: CONFIG.length },
    layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(l), size: l.length })),
  }));
}

async function pushAll(count: number, concurrency: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const res = await fetch(`${stack.url}/v2/${PROJECTS[i % PROJECTS.length]}/app/manifests/t${i}`, {
        method: 'PUT', headers: { ...auth, 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: manifest(i),
      });
      await res.body?.cancel();
      statuses.push(res.status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

describe('concurrent manifest pushes sharing blobs', () => {
  it('all land (no deadlock), and every project is charged each blob once', async () => {
    const statuses = await pushAll(300, 24);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const db = stack.core.deps.db;
    const tags: { n: string }[] = await db.query(`SELECT count(*) AS n FROM tag`);
    expect(Number(tags[0].n)).toBe(300);
    const blobBytes = CONFIG.length + LAYERS.reduce((sum, l) => sum + l.length, 0);
    for (const project of PROJECTS) {
      const [quota]: { used: string }[] = await db.query(
        `SELECT q.used_storage AS used FROM quota q JOIN project p ON q.reference_id = p.project_id::text WHERE q.reference = 'project' AND p.name = $1`,
        [project],
      );
      // The six layers and the config once, plus each distinct manifest pushed into the project.
      const manifests: { n: string; bytes: string }[] = await db.query(
        `SELECT count(*) AS n, coalesce(sum(b.size), 0) AS bytes FROM project_blob pb JOIN blob b ON b.id = pb.blob_id JOIN project p ON p.project_id = pb.project_id
         WHERE p.name = $1 AND b.content_type = 'application/vnd.oci.image.manifest.v1+json'`,
        [project],
      );
      expect(Number(quota.used)).toBe(blobBytes + Number(manifests[0].bytes));
    }
  });
});
