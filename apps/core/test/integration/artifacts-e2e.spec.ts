import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { pushImage } from './artifacts-fixtures';
import { ROLES, addMember, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let admin: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  admin = new ApiClient(stack.url).as(ADMIN);
});
afterAll(() => stack.stop());

describe('push through /v2, then the REST API', () => {
  it('lists a pushed image, copies it to another project (201 + Location) and deletes it from the registry', async () => {
    const src = await createProject(admin);
    const dst = await createProject(admin);
    const pushed = await pushImage(stack.url, `${src.name}/app`, 'v1');
    const list = await admin.get(`/api/v2.0/projects/${src.name}/repositories/app/artifacts`);
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(list.body).toEqual([expect.objectContaining({ digest: pushed.digest, type: 'IMAGE', size: pushed.size, tags: [expect.objectContaining({ name: 'v1' })] })]);

    const copy = await admin.post(`/api/v2.0/projects/${dst.name}/repositories/a%252Fb/artifacts?from=${src.name}/app:v1`);
    expect(copy.status).toBe(201);
    expect(copy.headers.get('location')).toBe(`/api/v2.0/projects/${dst.name}/repositories/a%252Fb/artifacts/v1`);
    const copied = await admin.get(`/api/v2.0/projects/${dst.name}/repositories/a%252Fb/artifacts/v1`);
    expect(copied.body).toMatchObject({ digest: pushed.digest, repository_name: `${dst.name}/a/b` });
    const manifest = await fetch(`${stack.url}/v2/${dst.name}/a/b/manifests/v1`, { headers: { authorization: `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}`, accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(manifest.status).toBe(200);
    const [q] = await stack.core.deps.db.query(`SELECT used_storage FROM quota WHERE reference_id = $1`, [String(dst.id)]);
    expect(Number(q.used_storage)).toBe(pushed.size);

    expect((await admin.delete(`/api/v2.0/projects/${dst.name}/repositories/a%252Fb/artifacts/v1`)).status).toBe(200);
    const gone = await fetch(`${stack.url}/v2/${dst.name}/a/b/manifests/${pushed.digest}`, { headers: { authorization: `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}` } });
    expect(gone.status).toBe(404);
    const [after] = await stack.core.deps.db.query(`SELECT used_storage FROM quota WHERE reference_id = $1`, [String(dst.id)]);
    expect(Number(after.used_storage)).toBe(0);
  });

  it('refuses copies over quota (403 DENIED), bad or missing from, unknown sources, and callers without rights', async () => {
    const src = await createProject(admin);
    const dst = await createProject(admin);
    await pushImage(stack.url, `${src.name}/app`, 'v1');
    await stack.core.deps.db.query(`UPDATE quota SET hard_storage = 10 WHERE reference_id = $1`, [String(dst.id)]);
    const path = `/api/v2.0/projects/${dst.name}/repositories/app/artifacts`;
    const over = await admin.post(`${path}?from=${src.name}/app:v1`);
    expect(over.status).toBe(403);
    expect(over.body).toEqual(errorBody('DENIED', expect.stringContaining('will exceed the configured upper limit of 10 B')));
    expect(await stack.core.deps.db.query(`SELECT 1 FROM artifact WHERE project_id = $1`, [dst.id])).toEqual([]);
    expect((await admin.post(`${path}?from=nonsense`)).body).toEqual(errorBody('BAD_REQUEST', 'invalid input: nonsense'));
    expect((await admin.post(path)).status).toBe(422);
    expect((await admin.post(`${path}?from=${src.name}/app:nope`)).body).toEqual(errorBody('NOT_FOUND', `artifact ${src.name}/app:nope not found`));
    const dev = await createUser(stack.core.deps.db, 'dev');
    await addMember(stack.core.deps.db, dst.id, dev.id, ROLES.developer);
    // developer may create in the target but cannot read the private source
    expect((await admin.as(dev).post(`${path}?from=${src.name}/app:v1`)).status).toBe(403);
  });
});
