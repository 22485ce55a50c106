import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Digest } from './tar-layer';

/** The on-disk OCI image layout (image-spec layout.md): `oci-layout`, `index.json`, `blobs/<alg>/<hex>`. */

export const MediaType = {
  imageIndex: 'application/vnd.oci.image.index.v1+json',
  imageManifest: 'application/vnd.oci.image.manifest.v1+json',
  imageConfig: 'application/vnd.oci.image.config.v1+json',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** "This annotation SHOULD only be considered valid when on descriptors on index.json within image layout." */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

interface LayoutIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
}

export async function initLayout(dir: string): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
}

export function blobPath(dir: string, digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return join(dir, 'blobs', algorithm, hex);
}

export async function writeBlob(dir: string, mediaType: string, bytes: Buffer): Promise<Descriptor> {
  const digest = sha256Digest(bytes);
  await writeFile(blobPath(dir, digest), bytes);
  return { mediaType, digest, size: bytes.length };
}

/** Names `target` in index.json as `tag`, replacing an earlier entry of that name. */
export async function tagInLayout(dir: string, target: Descriptor, tag: string): Promise<void> {
  const index = await readLayoutIndex(dir);
  const others = index.manifests.filter((entry) => entry.annotations?.[REF_NAME_ANNOTATION] !== tag);
  const tagged = { ...target, annotations: { ...target.annotations, [REF_NAME_ANNOTATION]: tag } };
  const updated: LayoutIndex = { schemaVersion: 2, mediaType: MediaType.imageIndex, manifests: [...others, tagged] };
  await writeFile(join(dir, 'index.json'), JSON.stringify(updated));
}

/** Every sha256 blob in a layout, sorted: what a copy into `oci:DIR` actually transferred. */
export async function listLayoutBlobs(dir: string): Promise<string[]> {
  const names = await readdir(join(dir, 'blobs', 'sha256'));
  return names.map((hex) => `sha256:${hex}`).sort();
}

async function readLayoutIndex(dir: string): Promise<LayoutIndex> {
  const text = await readFile(join(dir, 'index.json'), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as LayoutIndex) : { schemaVersion: 2, manifests: [] };
}
