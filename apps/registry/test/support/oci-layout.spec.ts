import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Header } from 'tar';
import { blobPath } from './oci-layout-files';
import { buildImageLayout, buildMultiArchLayout, listLayoutBlobs, MediaType, sha256Digest } from './oci-layout';
import { bigLayerFiles } from './tar-layer';
import { makeTempDir, removeDir } from './temp-dir';

/** Walks the 512-byte blocks of a ustar archive and returns the entry paths. */
function tarEntryPaths(tar: Buffer): string[] {
  const paths: string[] = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = new Header(tar, offset);
    if (header.nullBlock) break;
    expect(header.cksumValid).toBe(true);
    paths.push(header.path ?? '');
    offset += 512 + Math.ceil((header.size ?? 0) / 512) * 512;
  }
  return paths;
}

describe('OCI layout builder', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    dirs.push(await makeTempDir('layout-spec'));
    return dirs[dirs.length - 1];
  };
  afterAll(() => Promise.all(dirs.map(removeDir)));

  it('gives the same digests for the same files, and lists every blob it wrote', async () => {
    const spec = { tag: '1.0', files: [{ path: 'etc/motd', content: 'hi\n' }], extraLayers: [bigLayerFiles(4096)] };
    const first = await buildImageLayout(await tempDir(), spec);
    const secondDir = await tempDir();
    const second = await buildImageLayout(secondDir, spec);
    expect(second.manifestDigest).toBe(first.manifestDigest);
    expect(await listLayoutBlobs(secondDir)).toEqual([second.manifestDigest, ...second.blobDigests].sort());
    const index = JSON.parse(await readFile(join(secondDir, 'index.json'), 'utf8'));
    expect(index.manifests).toEqual([expect.objectContaining({ digest: second.manifestDigest, annotations: { 'org.opencontainers.image.ref.name': '1.0' } })]);
  });

  it('records the uncompressed tar digest as diff_id, with parent directories in the tar', async () => {
    const dir = await tempDir();
    const image = await buildImageLayout(dir, { tag: 'x', files: [{ path: 'a/b/c.txt', content: 'c' }] });
    const tar = gunzipSync(await readFile(blobPath(dir, image.layerDigests[0])));
    const config = JSON.parse(image.config.toString());
    expect(config.rootfs.diff_ids).toEqual([sha256Digest(tar)]);
    expect(tarEntryPaths(tar)).toEqual(['a/', 'a/b/', 'a/b/c.txt']);
  });

  it('writes an OCI index of one manifest per platform', async () => {
    const platforms = [{ architecture: 'amd64', os: 'linux' }, { architecture: 'arm64', os: 'linux' }];
    const built = await buildMultiArchLayout(await tempDir(), { tag: 'multi', platforms });
    const index = JSON.parse(built.index.toString());
    expect(index.mediaType).toBe(MediaType.imageIndex);
    expect(index.manifests.map((entry: { platform: unknown }) => entry.platform)).toEqual(platforms);
    expect(new Set(built.images.map((image) => image.manifestDigest)).size).toBe(2);
  });
});
