import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { ApiClient } from '../../../core/test/support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../../../core/test/support/test-stack';
import { createProxy, type HarborProxy } from '../../../proxy/src/proxy';
import { type PortalServer, startPortalServer } from '../../src/server';

const exec = promisify(execFile);

export { ADMIN };

export interface PortalStack extends TestStack {
  /** The front door (the proxy), as a browser sees it: http://127.0.0.1:<port>. */
  baseUrl: string;
  /** host:port of the proxy, for skopeo and for pull commands. */
  host: string;
  proxy: HarborProxy;
  portal: PortalServer;
  /** REST calls through the proxy with admin's Basic credentials. */
  admin: ApiClient;
}

const BUILD_SCRIPT = resolve(__dirname, '../../web/build.mjs');

/**
 * Builds the web portal with its own build script into a temp dir, then starts the whole
 * stack a browser meets: registry and core (test-stack), the portal server on that build, and
 * the real proxy in front routing /api, /c, /v2 and /service to core and the rest to the portal.
 */
export async function startPortalStack(): Promise<PortalStack> {
  const publicDir = await mkdtemp(join(tmpdir(), 'portal-web-'));
  // build.mjs is an ES module; run it as the build does rather than through jest's loader.
  await exec(process.execPath, [BUILD_SCRIPT, publicDir]);
  const stack = await startTestStack();
  const portal = await startPortalServer({ publicDir, host: '127.0.0.1', port: 0 });
  const upstreams = { core: stack.url, registry: stack.registry.url, portal: `http://127.0.0.1:${portal.port}` };
  const proxy = createProxy({ http: { port: 0 }, upstreams, log: { level: 'error' } }, pino({ level: 'silent' }));
  const ports = await proxy.start();
  const host = `127.0.0.1:${ports.http}`;
  const baseUrl = `http://${host}`;
  return {
    ...stack,
    baseUrl,
    host,
    proxy,
    portal,
    admin: new ApiClient(`${baseUrl}/api/v2.0`, ADMIN),
    async stop() {
      await proxy.close(100);
      await portal.close();
      await stack.stop();
      await rm(publicDir, { recursive: true, force: true });
    },
  };
}
