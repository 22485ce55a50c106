import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { randomDigest, seedAccessory, seedArtifact, seedBlobs, seedReference, seedRepository } from './artifacts-fixtures';
import { ROLES, type TestUser, addMember, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let admin: ApiClient;
let anon: ApiClient;
let db: DataSource;
let project: { id: number; name: string };
let repo: { id: number; name: string; projectId: number };
let users: Record<'guest' | 'developer' | 'maintainer', TestUser>;
let index: { id: number; digest: string };
let child: { id: number; digest: string };
let image: { id: number; digest: string };
let sig: { id: number; digest: string };
let base: string;

const INDEX = 'application/vnd.oci.image.index.v1+json';

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  project = await createProject(admin, { public: true });
  users = { guest: await createUser(db, 'g'), developer: await createUser(db, 'd'), maintainer: await createUser(db, 'm') };
  for (const [role, u] of Object.entries(users)) await addMember(db, project.id, u.id, ROLES[role as keyof typeof users]);
  repo = { id: 0, name: `${project.name}/app`, projectId: project.id };
  repo.id = await seedRepository(db, project.id, repo.name);
  child = await seedArtifact(db, repo, { pushTime: '2024-01-01T00:00:00Z' });
  index = await seedArtifact(db, repo, { tags: ['multi'], mediaType: INDEX, pushTime: '2024-01-02T00:00:00Z' });
  await seedReference(db, index, child);
  image = await seedArtifact(db, repo, { tags: ['v1', 'latest'], pushTime: '2024-01-03T00:00:00Z' });
  sig = await seedArtifact(db, repo, { tags: ['sig'], pushTime: '2024-01-04T00:00:00Z' });
  await seedAccessory(db, repo.name, sig, image);
  base = `/api/v2.0/projects/${project.name}/repositories/app/artifacts`;
});
afterAll(() => stack.stop());

const digests = (body: unknown) => (body as { digest: string }[]).map((a) => a.digest);

describe('GET artifacts', () => {
  it('lists top-level artifacts newest first: no untagged index children, no accessories', async () => {
    const res = await anon.get(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(digests(res.body)).toEqual([image.digest, index.digest]);
    const [img, idx] = res.body as Record<string, unknown>[];
    expect(img).toMatchObject({ id: image.id, type: 'IMAGE', project_id: project.id, repository_id: repo.id, repository_name: repo.name, size: 100, pull_time: '0001-01-01T00:00:00.000Z' });
    expect((img.tags as { name: string }[]).map((t) => t.name).sort()).toEqual(['latest', 'v1']);
    expect((img.tags as object[])[0]).toEqual({ id: expect.any(Number), repository_id: repo.id, artifact_id: image.id, name: expect.any(String), push_time: expect.any(String), pull_time: '0001-01-01T00:00:00.000Z', immutable: false });
    expect(img.accessories).toBeUndefined();
    expect(idx.references).toEqual([{ parent_id: index.id, child_id: child.id, child_digest: child.digest, platform: { architecture: 'amd64', os: 'linux' } }]);
  });

  it('adds accessories with with_accessory=true and drops tags with with_tag=false', async () => {
    const res = await anon.get(`${base}?with_accessory=true&with_tag=false`);
    const img = (res.body as Record<string, unknown>[])[0];
    expect(img.tags).toBeUndefined();
    expect(img.accessories).toEqual([expect.objectContaining({ artifact_id: sig.id, subject_artifact_id: image.id, subject_artifact_digest: image.digest, subject_artifact_repo: repo.name, type: 'signature.cosign', digest: sig.digest, icon: expect.stringMatching(/^sha256:/) })]);
    expect((await anon.get(`${base}?with_tag=maybe`)).status).toBe(422);
  });

  it('filters with q: tags=*, tags=nil, tags=~, digest, push_time range, base=*', async () => {
    expect(digests((await anon.get(`${base}?q=tags%3D*`)).body)).toEqual([image.digest, index.digest]);
    expect(digests((await anon.get(`${base}?q=tags%3Dnil`)).body)).toEqual([]);
    expect(digests((await anon.get(`${base}?q=tags%3D~ates`)).body)).toEqual([image.digest]);
    expect(digests((await anon.get(`${base}?q=digest%3D${index.digest}`)).body)).toEqual([index.digest]);
    expect(digests((await anon.get(`${base}?q=push_time%3D[2024-01-02 00:00:00~2024-01-02 23:00:00]`)).body)).toEqual([index.digest]);
    // base=* adds index children; accessories stay out, as in Harbor (setAccessoryQuery).
    expect(digests((await anon.get(`${base}?q=base%3D*&sort=push_time`)).body)).toEqual([child.digest, index.digest, image.digest]);
    const bad = await anon.get(`${base}?q=base%3Dx`);
    expect(bad.body).toEqual(errorBody('BAD_REQUEST', 'the value of "base" query can only be exact match value with "*"'));
    expect((await anon.get(`${base}?sort=colour`)).status).toBe(400);
  });

  it('gets one artifact by tag or digest, with Harbor\'s not-found messages', async () => {
    expect(((await anon.get(`${base}/v1`)).body as { id: number }).id).toBe(image.id);
    expect(((await anon.get(`${base}/${child.digest}`)).body as { id: number }).id).toBe(child.id);
    expect((await anon.get(`${base}/nope`)).body).toEqual(errorBody('NOT_FOUND', `artifact ${repo.name}:nope not found`));
    const d = randomDigest();
    expect((await anon.get(`${base}/${d}`)).body).toEqual(errorBody('NOT_FOUND', `artifact ${repo.name}@${d} not found`));
  });

  it('hides a private project\'s artifacts from anonymous callers', async () => {
    const priv = await createProject(admin);
    expect((await anon.get(`/api/v2.0/projects/${priv.name}/repositories/app/artifacts`)).status).toBe(401);
    expect((await anon.as(users.guest).get(`/api/v2.0/projects/${priv.name}/repositories/app/artifacts`)).status).toBe(403);
  });
});

describe('tags and accessories', () => {
  it('lists, creates (409 on a duplicate, 400 on a bad name) and deletes single tags', async () => {
    const tags = await anon.get(`${base}/v1/tags?q=name%3D~lat`);
    expect(tags.headers.get('x-total-count')).toBe('1');
    expect((tags.body as { name: string }[])[0].name).toBe('latest');
    expect((await anon.as(users.guest).post(`${base}/v1/tags`, { name: 'v2' })).status).toBe(403);
    const created = await anon.as(users.developer).post(`${base}/v1/tags`, { name: 'v2' });
    expect(created.status).toBe(201);
    expect((await admin.post(`${base}/v1/tags`, { name: 'multi' })).body).toEqual(errorBody('CONFLICT', `tag multi already exists under the repository ${repo.id}`));
    expect((await admin.post(`${base}/v1/tags`, { name: '-bad' })).body).toEqual(errorBody('BAD_REQUEST', 'invalid tag name: -bad'));
    expect((await admin.post(`${base}/v1/tags`, { name: 'x', extra: 1 })).status).toBe(400);
    expect((await anon.as(users.developer).delete(`${base}/v1/tags/v2`)).status).toBe(403);
    expect((await anon.as(users.maintainer).delete(`${base}/v1/tags/v2`)).status).toBe(200);
    const again = await admin.delete(`${base}/v1/tags/v2`);
    expect(again.body).toEqual(errorBody('NOT_FOUND', `tag v2 attached to artifact ${image.id} not found`));
    expect(((await anon.get(`${base}/v1/tags`)).body as object[]).length).toBe(2);
    const [log] = await db.query(`SELECT operation, resource_type FROM audit_log_ext WHERE resource = $1 ORDER BY id DESC LIMIT 1`, [`${repo.name}:v2`]);
    expect(log).toEqual({ operation: 'delete', resource_type: 'tag' });
  });

  it('lists accessories of an artifact', async () => {
    const res = await anon.get(`${base}/v1/accessories`);
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.body).toEqual([expect.objectContaining({ artifact_id: sig.id, type: 'signature.cosign', size: 10 })]);
  });
});

describe('DELETE artifact', () => {
  it('refuses an index child (412), guests and developers (403)', async () => {
    const res = await admin.delete(`${base}/${child.digest}`);
    expect(res.status).toBe(412);
    expect(res.body).toEqual(errorBody('VIOLATE_FOREIGN_KEY_CONSTRAINT', 'the deleting artifact is referenced by others'));
    expect((await anon.as(users.guest).delete(`${base}/v1`)).status).toBe(403);
    expect((await anon.as(users.developer).delete(`${base}/v1`)).status).toBe(403);
    expect((await anon.delete(`${base}/v1`)).status).toBe(401);
    expect((await db.query(`SELECT count(*)::int AS n FROM artifact WHERE repository_id = $1`, [repo.id]))[0].n).toBe(4);
  });

  it('deletes an image with its accessory and tags, and releases blobs no other artifact holds', async () => {
    const shared = { digest: randomDigest(), size: 1000 };
    await seedBlobs(db, project.id, image.digest, [{ digest: image.digest, size: 100 }, shared]);
    await seedBlobs(db, project.id, index.digest, [{ digest: index.digest, size: 50 }, shared]);
    const res = await anon.as(users.maintainer).delete(`${base}/v1`);
    expect(res.status).toBe(200);
    expect(await db.query(`SELECT id FROM artifact WHERE id = ANY($1)`, [[image.id, sig.id]])).toEqual([]);
    expect(await db.query(`SELECT name FROM tag WHERE artifact_id = $1`, [image.id])).toEqual([]);
    const [q] = await db.query(`SELECT used_storage FROM quota WHERE reference_id = $1`, [String(project.id)]);
    expect(Number(q.used_storage)).toBe(1050);
    const [log] = await db.query(`SELECT operation, resource_type, username FROM audit_log_ext WHERE resource = $1`, [`${repo.name}@${image.digest}`]);
    expect(log).toEqual({ operation: 'delete', resource_type: 'artifact', username: users.maintainer.username });
  });

  it('deletes an index with its untagged children', async () => {
    const del = await admin.delete(`${base}/multi`);
    expect(del.status).toBe(200);
    expect(await db.query(`SELECT id FROM artifact WHERE id = ANY($1)`, [[index.id, child.id]])).toEqual([]);
    expect((await admin.delete(`${base}/multi`)).status).toBe(404);
  });
});

describe('a repository with 10,000 artifacts', () => {
  it('lists the right page with the right total', async () => {
    const big = { id: 0, name: `${project.name}/big`, projectId: project.id };
    big.id = await seedRepository(db, project.id, big.name);
    await db.query(
      `INSERT INTO artifact (project_id, repository_id, repository_name, digest, type, media_type, manifest_media_type, push_time)
       SELECT $1, $2, $3, 'sha256:' || lpad(to_hex(g), 64, '0'), 'IMAGE', 'c', 'm', timestamptz '2024-01-01' + g * interval '1 second'
       FROM generate_series(1, 10000) g`,
      [project.id, big.id, big.name],
    );
    const res = await anon.get(`/api/v2.0/projects/${project.name}/repositories/big/artifacts?page=3&page_size=50`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('10000');
    const list = res.body as { digest: string }[];
    expect(list).toHaveLength(50);
    expect(list[0].digest).toBe(`sha256:${(10000 - 100).toString(16).padStart(64, '0')}`);
    // anonymous callers may list a public project's repositories but not read one (Harbor's public policy)
    const r = await admin.get(`/api/v2.0/projects/${project.name}/repositories/big`);
    expect((r.body as { artifact_count: number }).artifact_count).toBe(10000);
  });
});
