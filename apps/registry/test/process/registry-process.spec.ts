import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skopeo, skopeoJson } from '../support/clients';
import { freeLoopbackPort } from '../support/free-port';
import { call } from '../support/http-client';
import { buildImageLayout } from '../support/oci-layout';
import { bundleServiceMain, type StartedProcess, startNodeProcess, type TestBundle } from '../support/test-bundle';

/**
 * The registry as users run it: the bundled main.js as its own process, configured by a
 * harbor.yml, driven by skopeo. This is what `npm start` runs (with deploy/local/harbor.yml).
 */
let workDir: string;
let mainJs: string;
let bundle: TestBundle;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'registry-process-'));
  bundle = await bundleServiceMain('registry');
  mainJs = bundle.file;
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await bundle.remove();
});

function startRegistry(args: string[], env: Record<string, string> = {}): StartedProcess {
  return startNodeProcess(mainJs, args, env);
}

async function waitUntilServing(url: string, started: StartedProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await call(`${url}/v2/`).then((r) => r.status === 200, () => false)) return;
    if (started.child.exitCode !== null) throw new Error(`registry exited: ${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`registry did not start: ${started.output()}`);
}

describe('registry process', () => {
  it('refuses a bad configuration, naming every offending key, and exits non-zero', async () => {
    const config = join(workDir, 'bad.yml');
    await writeFile(config, 'hostname: 127.0.0.1\nhttp:\n  port: eighty\nlog:\n  level: loud\n');
    const started = startRegistry(['--config', config]);
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('http.port');
    expect(started.output()).toContain('log.level');
  });

  it('names the environment override that broke the configuration', async () => {
    const config = join(workDir, 'ok.yml');
    await writeFile(config, `hostname: 127.0.0.1\nregistry:\n  port: 5000\ndata_volume: ${workDir}/env\n`);
    const started = startRegistry(['--config', config], { HARBOR__REGISTRY__PORT: '70000' });
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('HARBOR__REGISTRY__PORT');
  });

  it('serves the OCI API from harbor.yml: skopeo copies an image in and out; SIGTERM stops it cleanly', async () => {
    const port = await freeLoopbackPort();
    const data = join(workDir, 'data');
    const config = join(workDir, 'harbor.yml');
    await writeFile(config, `hostname: 127.0.0.1\nregistry:\n  port: ${port}\ndata_volume: ${data}\nlog:\n  level: info\n`);
    const started = startRegistry(['--config', config]);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilServing(url, started);
      const layout = join(workDir, 'layout');
      const image = await buildImageLayout(layout, { tag: '1.0', files: [{ path: 'hello.txt', content: 'hello from the process test\n' }] });
      await skopeo(['copy', '--dest-tls-verify=false', `oci:${layout}:1.0`, `docker://127.0.0.1:${port}/library/hello:1.0`]);
      const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://127.0.0.1:${port}/library/hello:1.0`]);
      expect(Buffer.from(raw.stdout).equals(image.manifest)).toBe(true);
      const out = join(workDir, 'out');
      await skopeo(['copy', '--src-tls-verify=false', `docker://127.0.0.1:${port}/library/hello:1.0`, `oci:${out}:copy`]);
      for (const digest of image.blobDigests) {
        const hex = digest.split(':')[1];
        expect((await readFile(join(out, 'blobs/sha256', hex))).length).toBeGreaterThan(0);
      }
      expect(await skopeoJson<{ Tags: string[] }>(['list-tags', '--tls-verify=false', `docker://127.0.0.1:${port}/library/hello`])).toMatchObject({ Tags: ['1.0'] });
      const logLine = started.output().split('\n').find((l) => l.includes('"msg":"request"'));
      expect(JSON.parse(logLine!)).toMatchObject({ service: 'registry', requestId: expect.any(String), route: expect.any(String) });
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });
});
