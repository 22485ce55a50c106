import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skopeo } from '../../../registry/test/support/clients';
import { buildImageLayout, type BuiltImage } from '../../../registry/test/support/oci-layout';

/** Builds a one-layer OCI image on disk and pushes it with skopeo to host/<ref> (project/repo:tag). */
export async function pushImage(host: string, ref: string, credentials: string, content = `${ref}\n`): Promise<BuiltImage> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-image-'));
  try {
    const image = await buildImageLayout(dir, { tag: 'latest', files: [{ path: 'hello.txt', content }] });
    await skopeo(['copy', '--dest-tls-verify=false', `--dest-creds=${credentials}`, `oci:${dir}:latest`, `docker://${host}/${ref}`]);
    return image;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The raw manifest of host/<ref>, read with skopeo as `credentials` (user:password). */
export async function inspectRaw(host: string, ref: string, credentials: string): Promise<Buffer> {
  const { stdout } = await skopeo(['inspect', '--raw', '--tls-verify=false', `--creds=${credentials}`, `docker://${host}/${ref}`]);
  return Buffer.from(stdout);
}
