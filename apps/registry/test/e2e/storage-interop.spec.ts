import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../support/run-command';
import { skopeo } from '../support/clients';
import { startDockerRegistry } from '../support/docker-registry';
import { buildImageLayout } from '../support/oci-layout';
import { startTestRegistry } from '../support/test-registry';

/**
 * Our storage layout is distribution's: a root written by docker-registry is served by us,
 * one written by us is served by docker-registry, and its offline garbage collector reads ours.
 */
describe('storage interoperability with docker-registry', () => {
  let storage: string;
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'interop-'));
    storage = join(work, 'storage');
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  const raw = async (host: string, ref: string) => (await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${host}/${ref}`])).stdout;

  it('serves what docker-registry stored, and docker-registry serves what we stored', async () => {
    const first = await buildImageLayout(join(work, 'first'), { tag: '1.0', files: [{ path: 'a.txt', content: 'written by docker-registry\n' }] });
    const second = await buildImageLayout(join(work, 'second'), { tag: '1.0', files: [{ path: 'b.txt', content: 'written by harbor-ts\n' }] });

    const theirs = await startDockerRegistry({ storageDir: storage, deleteEnabled: true });
    await skopeo(['copy', '--dest-tls-verify=false', `oci:${join(work, 'first')}:1.0`, `docker://${theirs.host}/interop/app:first`]);
    await theirs.stop();

    const ours = await startTestRegistry({ root: storage });
    expect(await raw(ours.host, 'interop/app:first')).toBe(first.manifest.toString());
    await skopeo(['copy', '--src-tls-verify=false', `docker://${ours.host}/interop/app:first`, `oci:${join(work, 'out')}:first`]);
    await skopeo(['copy', '--dest-tls-verify=false', `oci:${join(work, 'second')}:1.0`, `docker://${ours.host}/interop/app:second`]);
    await ours.stop({ keepData: true });

    const again = await startDockerRegistry({ storageDir: storage, deleteEnabled: true });
    try {
      expect(await raw(again.host, 'interop/app:second')).toBe(second.manifest.toString());
      expect(JSON.parse((await skopeo(['list-tags', '--tls-verify=false', `docker://${again.host}/interop/app`])).stdout).Tags.sort()).toEqual(['first', 'second']);
    } finally {
      await again.stop();
    }
  });

  it("docker-registry's garbage collector reads our layout and keeps what is referenced", async () => {
    const config = join(work, 'gc.yml');
    await writeFile(config, JSON.stringify({ version: 0.1, storage: { filesystem: { rootdirectory: storage } } }));
    const { stdout } = await run('docker-registry', ['garbage-collect', '--dry-run', config]);
    expect(stdout).toContain('interop/app');
    expect(stdout).toMatch(/6 blobs marked, 0 blobs and 0 manifests eligible for deletion/);
  });
});
