import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  api = new ApiClient(stack.url);
});
afterAll(() => stack.stop());

describe('core bootstrap', () => {
  it('answers ping and version', async () => {
    const ping = await api.get('/api/v2.0/ping');
    expect(ping.status).toBe(200);
    expect(ping.text).toBe('Pong');
    expect((await api.get('/api/version')).body).toEqual({ version: 'v2.0' });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await api.get('/api/v2.0/ping', { 'x-request-id': 'abc-123' });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await api.get('/api/v2.0/ping', { 'x-request-id': 'bad id with spaces' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates the admin user and the public library project exactly once', async () => {
    const rows = await stack.core.deps.db.query(`SELECT user_id, username, sysadmin_flag FROM harbor_user`);
    expect(rows).toEqual([{ user_id: 1, username: 'admin', sysadmin_flag: true }]);
    const projects = await stack.core.deps.db.query(
      `SELECT p.name, m.value FROM project p JOIN project_metadata m ON m.project_id = p.project_id AND m.name = 'public'`,
    );
    expect(projects).toEqual([{ name: 'library', value: 'true' }]);
  });

  it('keeps the admin password when started again with another harbor_admin_password', async () => {
    const { BootstrapService } = await import('../../src/bootstrap/bootstrap.service');
    const bootstrap = stack.core.app.get(BootstrapService);
    await bootstrap.run();
    const [{ password }] = await stack.core.deps.db.query(`SELECT password FROM harbor_user WHERE user_id = 1`);
    const { verifySecret } = await import('../../src/auth/password');
    expect(await verifySecret(ADMIN.password, password)).toBe(true);
  });

  it('renders unknown routes as Harbor error bodies', async () => {
    const res = await api.get('/api/v2.0/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: [{ code: 'NOT_FOUND', message: expect.any(String) }] });
  });

  it('answers 401 with Harbor\'s body for wrong Basic credentials', async () => {
    const res = await api.as({ username: 'admin', password: 'wrong' }).get('/api/v2.0/ping');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: [{ code: 'UNAUTHORIZED', message: 'invalid credentials' }] });
  });
});
