import { ApiClient, type Credentials } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { HARBOR_VERSION } from '../../src/systeminfo/version';
import { fixtures } from './search-fixtures';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let user: Credentials;

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  user = await fixtures(stack.core.deps.db).user('sysinfo');
});
afterAll(() => stack.stop());

const SHORT = { banner_message: '', auth_mode: 'db_auth', primary_auth_mode: false, self_registration: false, oidc_provider_name: '' };

describe('GET /systeminfo', () => {
  it('gives anonymous callers the short form only', async () => {
    const res = await anon.get('/api/v2.0/systeminfo');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(SHORT);
  });

  it('gives signed-in callers the deployment details, external URL taken from the request', async () => {
    const res = await anon.as(user).get<Record<string, unknown>>('/api/v2.0/systeminfo');
    const host = new URL(stack.url).host;
    expect(res.body).toEqual({
      ...SHORT,
      harbor_version: HARBOR_VERSION,
      current_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      external_url: `http://${host}`,
      registry_url: host,
      project_creation_restriction: 'everyone',
      has_ca_root: false,
      read_only: false,
      notification_enable: true,
      registry_storage_provider_name: 'filesystem',
      with_notary: false,
      with_chartmuseum: false,
    });
  });

  it('honours the forwarded host of the proxy in front', async () => {
    const res = await admin.get<Record<string, unknown>>('/api/v2.0/systeminfo', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'harbor.example:8443' });
    expect(res.body).toMatchObject({ external_url: 'https://harbor.example:8443', registry_url: 'harbor.example:8443' });
  });

  it('reads the settings from the properties table, plain or JSON-encoded', async () => {
    const db = stack.core.deps.db;
    await db.query(
      `INSERT INTO properties (k, v) VALUES ('self_registration', 'true'), ('project_creation_restriction', '"adminonly"'), ('read_only', 'true'), ('banner_message', 'hello')`,
    );
    try {
      expect((await anon.get('/api/v2.0/systeminfo')).body).toEqual({ ...SHORT, self_registration: true, banner_message: 'hello' });
      expect((await admin.get('/api/v2.0/systeminfo')).body).toMatchObject({ project_creation_restriction: 'adminonly', read_only: true });
    } finally {
      await db.query(`DELETE FROM properties WHERE k IN ('self_registration', 'project_creation_restriction', 'read_only', 'banner_message')`);
    }
  });
});

describe('GET /systeminfo/volumes', () => {
  it('reports the disk of the data volume to a sysadmin', async () => {
    const res = await admin.get<{ storage: { total: number; free: number }[] }>('/api/v2.0/systeminfo/volumes');
    expect(res.status).toBe(200);
    expect(res.body.storage).toHaveLength(1);
    const [{ total, free }] = res.body.storage;
    expect(total).toBeGreaterThan(0);
    expect(free).toBeGreaterThanOrEqual(0);
    expect(free).toBeLessThanOrEqual(total);
  });

  it('refuses others: 401 anonymous, 403 a plain user', async () => {
    const a = await anon.get('/api/v2.0/systeminfo/volumes');
    expect(a.status).toBe(401);
    expect(a.body).toEqual({ errors: [{ code: 'UNAUTHORIZED', message: expect.any(String) }] });
    const u = await anon.as(user).get('/api/v2.0/systeminfo/volumes');
    expect(u.status).toBe(403);
    expect(u.body).toEqual({ errors: [{ code: 'FORBIDDEN', message: expect.any(String) }] });
  });
});

describe('GET /systeminfo/getcert', () => {
  it('answers 404: no CA certificate is configured', async () => {
    const res = await admin.get('/api/v2.0/systeminfo/getcert');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: [{ code: 'NOT_FOUND', message: 'cert not found' }] });
  });
});

describe('OpenAPI document', () => {
  it('lists the routes that exist, under Harbor\'s base path, at both of Harbor\'s locations', async () => {
    const res = await anon.get<{ info: { title: string; version: string }; servers: { url: string }[]; paths: Record<string, Record<string, unknown>> }>('/api/v2.0/swagger.json');
    expect(res.status).toBe(200);
    expect(res.body.info).toMatchObject({ title: 'Harbor API', version: '2.0' });
    expect(res.body.servers).toEqual([{ url: '/api/v2.0' }]);
    const paths = Object.keys(res.body.paths);
    for (const path of ['/ping', '/search', '/statistics', '/systeminfo', '/systeminfo/volumes', '/systeminfo/getcert', '/health',
      '/audit-logs', '/auditlog-exts', '/auditlog-exts/events', '/projects/{project_name}/logs', '/projects/{project_name}/auditlog-exts']) {
      expect(paths).toContain(path);
      expect(Object.keys(res.body.paths[path])).toEqual(['get']);
    }
    for (const path of ['/projects', '/users', '/robots', '/repositories', '/quotas', '/configurations', '/users/current/permissions']) {
      expect(paths).toContain(path);
    }
    // Nothing outside the REST API, nothing that has no controller, not the document itself.
    for (const absent of ['/api/version', '/version', '/swagger.json', '/service/token', '/replication/policies', '/no-such-thing']) {
      expect(paths).not.toContain(absent);
    }
    expect(paths.every((p) => !p.startsWith('/api/') && !p.startsWith('/v2'))).toBe(true);
    expect((await anon.get('/swagger.json')).body).toEqual(res.body);
  });
});

describe('GET /health', () => {
  it('reports every component healthy, sorted by name, to anonymous callers', async () => {
    const res = await anon.get('/api/v2.0/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'healthy',
      components: ['core', 'database', 'redis', 'registry'].map((name) => ({ name, status: 'healthy' })),
    });
  });

  // Last: it stops the stack's registry.
  it('reports unhealthy when the registry is down, still with 200', async () => {
    await stack.registry.stop({ keepData: true });
    const res = await anon.get<{ status: string; components: { name: string; status: string; error?: string }[] }>('/api/v2.0/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('unhealthy');
    expect(res.body.components.find((c) => c.name === 'registry')).toEqual({ name: 'registry', status: 'unhealthy', error: expect.stringContaining('failed to check health') });
    expect(res.body.components.filter((c) => c.status === 'healthy').map((c) => c.name)).toEqual(['core', 'database', 'redis']);
  });
});
