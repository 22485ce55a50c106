import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { send } from './support/client';
import { freePort, startUpstream } from './support/upstream';
import { bundleServiceMain, type StartedProcess, startNodeProcess, type TestBundle } from '../../registry/test/support/test-bundle';

/** The proxy as operators run it: the bundled main.js as its own process, reading harbor.yml. */
let workDir: string;
let mainJs: string;
let bundle: TestBundle;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'proxy-process-'));
  bundle = await bundleServiceMain('proxy');
  mainJs = bundle.file;
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await bundle.remove();
});

async function startProxyProcess(yaml: string): Promise<StartedProcess> {
  const config = join(workDir, `harbor-${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(config, `hostname: 127.0.0.1\ndata_volume: ${workDir}/data\n${yaml}`);
  return startNodeProcess(mainJs, ['--config', config]);
}

describe('proxy process', () => {
  it('exits 2 naming the certificate file when it is missing', async () => {
    const missing = join(workDir, 'no-such-cert.pem');
    const started = await startProxyProcess(`http:\n  port: ${await freePort()}\nhttps:\n  port: ${await freePort()}\n  certificate: ${missing}\n  private_key: ${missing}.key\n`);
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain(`https.certificate: file not found or not a regular file: ${missing}`);
  });

  it('exits 2 listing the offending keys of a bad configuration', async () => {
    const started = await startProxyProcess('http:\n  port: eighty\n');
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('http.port');
  });

  it('proxies to core from harbor.yml, logs JSON access lines and stops cleanly on SIGTERM', async () => {
    const core = await startUpstream('core');
    const port = await freePort();
    const started = await startProxyProcess(`http:\n  port: ${port}\ncore:\n  port: ${new URL(core.url).port}\nlog:\n  level: info\n`);
    try {
      await until(() => started.output().includes('proxy listening'), started);
      const reply = await send(`http://127.0.0.1:${port}`, '/api/v2.0/ping', { headers: { 'x-request-id': 'from-process-test' } });
      expect(reply.headers['x-upstream']).toBe('core');
      await until(() => started.output().includes('"msg":"request"'), started);
      const line = started.output().split('\n').find((l) => l.includes('"msg":"request"'));
      expect(JSON.parse(line!)).toMatchObject({ service: 'proxy', requestId: 'from-process-test', upstream: 'core', status: 200 });
    } finally {
      started.child.kill('SIGTERM');
      await core.close();
    }
    expect(await started.exited).toBe(0);
  });
});

async function until(condition: () => boolean, started: StartedProcess): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) {
    if (started.child.exitCode !== null) throw new Error(`proxy exited: ${started.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!condition()) throw new Error(`timed out: ${started.output()}`);
}
