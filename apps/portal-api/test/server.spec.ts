import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPortalApp, startPortalServer, type PortalServer } from '../src/server';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head><body></body></html>';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so paths reach the server exactly as written (fetch would normalise them). */
function send(port: number, method: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

describe('portal server', () => {
  let dir: string;
  let server: PortalServer;
  const get = (path: string) => send(server.port, 'GET', path);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portal-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX);
    await writeFile(join(dir, 'assets', 'app-1a2b3c.js'), 'console.log("portal")');
    await writeFile(join(dir, 'assets', '.secret'), 'hidden');
    await writeFile(join(dir, 'favicon.ico'), 'icon');
    await writeFile(join(tmpdir(), 'outside-portal.txt'), 'outside');
    server = await startPortalServer({ publicDir: dir, host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers /health as Harbor components do', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'healthy' });
  });

  it.each(['/', '/harbor/projects', '/harbor/projects/3/repositories/library%2Fnginx', '/account/sign-in?redirect_url=%2Fharbor%2Fusers'])(
    'serves index.html, revalidated, for the client route %s',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    },
  );

  it('serves hashed assets with a year of immutable caching and the right type', async () => {
    const res = await get('/assets/app-1a2b3c.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('console.log("portal")');
  });

  it('serves other top-level files without long caching', async () => {
    const res = await get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=0');
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await send(server.port, 'HEAD', '/harbor/projects');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe('');
  });

  it.each(['/assets/app-missing.js', '/assets/', '/assets/nested/thing', '/logo.svg'])('is 404 with a Harbor error body for the missing file %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({ errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
  });

  it.each(['/assets/.secret', '/assets/..%2f..%2foutside-portal.txt', '/assets/%2e%2e/%2e%2e/outside-portal.txt', '/..%2foutside-portal.txt'])(
    'never serves dotfiles or files outside the portal: %s',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('outside');
      expect(res.body).not.toContain('hidden');
    },
  );

  it('refuses an undecodable path with 400', async () => {
    const res = await get('/assets/%E0%A4%A.js');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).errors[0].code).toBe('BAD_REQUEST');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s with 405 and Allow', async (method) => {
    const res = await send(server.port, method, '/harbor/projects');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(res.body).errors[0].code).toBe('METHOD_NOT_ALLOWED');
  });

  it('sends the security headers on every answer', async () => {
    for (const path of ['/', '/assets/app-1a2b3c.js', '/health', '/nothing.png']) {
      const res = await get(path);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses to start when the portal was never built, naming the file', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'portal-empty-'));
    expect(() => createPortalApp({ publicDir: empty })).toThrow(`the web portal is not built: ${join(empty, 'index.html')} cannot be read`);
    await rm(empty, { recursive: true });
  });
});
