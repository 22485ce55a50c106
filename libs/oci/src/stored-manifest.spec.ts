import { describeStoredManifest } from './stored-manifest';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('describeStoredManifest', () => {
  it.each([
    ['a body mediaType', { schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json' }, 'application/vnd.docker.distribution.manifest.v2+json'],
    ['an OCI image without mediaType', { schemaVersion: 2, config: {}, layers: [] }, 'application/vnd.oci.image.manifest.v1+json'],
    ['an OCI index without mediaType', { schemaVersion: 2, manifests: [] }, 'application/vnd.oci.image.index.v1+json'],
    ['a signed schema1 manifest left by an old registry', { schemaVersion: 1, fsLayers: [], signatures: [] }, 'application/vnd.docker.distribution.manifest.v1+prettyjws'],
    ['an unsigned schema1 manifest', { schemaVersion: 1, fsLayers: [] }, 'application/vnd.docker.distribution.manifest.v1+json'],
    ['bytes that are not JSON', '{oops', 'application/octet-stream'],
    ['JSON that is not an object', '[1]', 'application/octet-stream'],
  ])('serves %s without refusing it', (_what, value, mediaType) => {
    expect(describeStoredManifest(body(value)).mediaType).toBe(mediaType);
  });

  it('reports the subject digest when there is one', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    expect(describeStoredManifest(body({ schemaVersion: 2, config: {}, layers: [], subject: { digest } })).subject).toBe(digest);
    expect(describeStoredManifest(body({ schemaVersion: 2, config: {}, layers: [] })).subject).toBeUndefined();
  });
});
