import { imageManifest, OCI_CONFIG, OCI_MANIFEST, smallBlob, withDigest } from './oci';
import { nextLink } from './scenarios/reads';

describe('upload locations', () => {
  it('appends the digest to a Location with or without a query', () => {
    expect(withDigest('http://h/v2/r/blobs/uploads/u?_state=a%3D', 'sha256:ab')).toBe('http://h/v2/r/blobs/uploads/u?_state=a%3D&digest=sha256%3Aab');
    expect(withDigest('/v2/r/blobs/uploads/u', 'sha256:ab')).toBe('/v2/r/blobs/uploads/u?digest=sha256%3Aab');
  });
});

describe('manifests', () => {
  it('builds an OCI image manifest that references its blobs by descriptor', () => {
    const config = smallBlob(OCI_CONFIG, Buffer.from('{}'));
    const manifest = JSON.parse(imageManifest(config.descriptor, []).toString('utf8'));
    expect(manifest).toEqual({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: config.descriptor, layers: [] });
    expect(config.descriptor).toEqual({
      mediaType: OCI_CONFIG,
      digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
    });
  });
});

describe('pagination', () => {
  it('follows rel="next" Link headers', () => {
    expect(nextLink('</v2/_catalog?last=b&n=2>; rel="next"')).toBe('/v2/_catalog?last=b&n=2');
    expect(nextLink(undefined)).toBeUndefined();
    expect(nextLink('</x>; rel="prev"')).toBeUndefined();
  });
});
