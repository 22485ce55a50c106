import { ApiClient, basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';

// Harbor's read_only switch: writes through the API and /v2 answer 403 DENIED until an
// administrator turns it off; reads keep working and nothing is stored meanwhile.

let stack: TestStack;
let admin: ApiClient;
const MESSAGE = 'The system is in read only mode. Any modification is prohibited.';

beforeAll(async () => {
  stack = await startTestStack();
  admin = new ApiClient(stack.url, ADMIN);
});
afterAll(() => stack.stop());

const projectCount = async () => Number((await stack.core.deps.db.query(`SELECT count(*) AS n FROM project`))[0].n);

describe('read_only', () => {
  it('refuses API and /v2 writes with DENIED while on, serves reads, and lifts when turned off', async () => {
    expect((await admin.put('/api/v2.0/configurations', { read_only: true })).status).toBe(200);
    const before = await projectCount();

    const create = await admin.post('/api/v2.0/projects', { project_name: 'frozen' });
    expect(create.status).toBe(403);
    expect(create.body).toEqual({ errors: [{ code: 'DENIED', message: MESSAGE }] });
    expect(await projectCount()).toBe(before);

    const upload = await fetch(`${stack.url}/v2/library/app/blobs/uploads/`, { method: 'POST', headers: { authorization: basicAuth(ADMIN) } });
    expect(upload.status).toBe(403);
    expect(await upload.json()).toEqual({ errors: [{ code: 'DENIED', message: MESSAGE }] });

    expect((await admin.get('/api/v2.0/projects')).status).toBe(200);
    expect((await fetch(`${stack.url}/v2/`, { headers: { authorization: basicAuth(ADMIN) } })).status).toBe(200);

    expect((await admin.put('/api/v2.0/configurations', { read_only: false })).status).toBe(200);
    expect((await admin.post('/api/v2.0/projects', { project_name: 'thawed' })).status).toBe(201);
    const again = await fetch(`${stack.url}/v2/library/app/blobs/uploads/`, { method: 'POST', headers: { authorization: basicAuth(ADMIN) } });
    expect(again.status).toBe(202);
  });
});
