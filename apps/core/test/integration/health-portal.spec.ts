import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortalServer, type PortalServer } from '../../../portal-api/src/server';
import { ApiClient } from '../support/api-client';
import { startTestStack, type TestStack } from '../support/test-stack';

// Harbor's /api/v2.0/health lists the portal; core probes portal-api's own /health.

interface Health {
  status: string;
  components: { name: string; status: string; error?: string }[];
}

let publicDir: string;
let portal: PortalServer;
let stack: TestStack;
let anon: ApiClient;

beforeAll(async () => {
  publicDir = await mkdtemp(join(tmpdir(), 'health-portal-'));
  await writeFile(join(publicDir, 'index.html'), '<!doctype html><title>Harbor</title>');
  portal = await startPortalServer({ publicDir, host: '127.0.0.1', port: 0 });
  stack = await startTestStack({ core: (config) => ({ ...config, portalUrl: `http://127.0.0.1:${portal.port}` }) });
  anon = new ApiClient(stack.url);
});
afterAll(async () => {
  await stack.stop();
  await rm(publicDir, { recursive: true, force: true });
});

describe('GET /health with a portal', () => {
  it('lists the portal among the components, healthy while it serves', async () => {
    const res = await anon.get<Health>('/api/v2.0/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'healthy',
      components: ['core', 'database', 'portal', 'redis', 'registry'].map((name) => ({ name, status: 'healthy' })),
    });
  });

  it('reports the portal unhealthy, with the reason, once it stops', async () => {
    await portal.close();
    const res = await anon.get<Health>('/api/v2.0/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('unhealthy');
    expect(res.body.components.find((c) => c.name === 'portal')).toEqual({ name: 'portal', status: 'unhealthy', error: 'failed to check health: ECONNREFUSED' });
    expect(res.body.components.filter((c) => c.status === 'healthy').map((c) => c.name)).toEqual(['core', 'database', 'redis', 'registry']);
  });
});
