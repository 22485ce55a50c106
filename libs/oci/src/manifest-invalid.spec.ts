import { OciError } from './errors';
import { MAX_MANIFEST_BYTES, parseManifest, SCHEMA1_MESSAGE } from './manifest';
import {
  DOCKER_CONTAINER_CONFIG,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V1,
  DOCKER_MANIFEST_V1_SIGNED,
  DOCKER_MANIFEST_V2,
  OCI_IMAGE_CONFIG,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
} from './media-types';
import { descriptorOf, dockerImage, dockerList, emptyConfig, json, ociImage, ociIndex, ociLayer } from './testing/fixtures';
import { thrown } from './testing/thrown';

function manifestError(body: Buffer, contentType?: string): OciError {
  const err = thrown(() => parseManifest(body, contentType));
  expect(err).toBeInstanceOf(OciError);
  expect(err).toMatchObject({ code: 'MANIFEST_INVALID', status: 400 });
  return err as OciError;
}

const layer = (patch: object) => ({ ...ociImage, layers: [{ ...ociLayer, ...patch }] });
const GOOD_HEX = ociLayer.digest.slice('sha256:'.length);

describe('parseManifest refuses', () => {
  it.each<[string, Buffer, string | undefined, object]>([
    ['non-JSON', Buffer.from('{"schemaVersion":'), undefined, { reason: 'manifest is not valid JSON' }],
    ['an empty body', Buffer.alloc(0), OCI_IMAGE_MANIFEST, { reason: 'manifest is not valid JSON' }],
    ['a JSON array', json([ociImage]), undefined, { reason: 'manifest is not a JSON object' }],
    ['JSON null', json(null), undefined, { reason: 'manifest is not a JSON object' }],
    ['a JSON string', json('manifest'), undefined, { reason: 'manifest is not a JSON object' }],
    ['a missing schemaVersion', json({ ...ociImage, schemaVersion: undefined }), undefined, { field: 'schemaVersion' }],
    ['schemaVersion 3', json({ ...ociImage, schemaVersion: 3 }), undefined, { field: 'schemaVersion' }],
    ['schemaVersion "2"', json({ ...ociImage, schemaVersion: '2' }), undefined, { field: 'schemaVersion' }],
    ['an unknown body mediaType', json({ ...ociImage, mediaType: OCI_IMAGE_CONFIG }), undefined, { field: 'mediaType', mediaType: OCI_IMAGE_CONFIG }],
    ['a non-string body mediaType', json({ ...ociImage, mediaType: 7 }), undefined, { field: 'mediaType' }],
    ['an unknown Content-Type', json({ ...ociImage, mediaType: undefined }), 'text/plain', { field: 'mediaType', mediaType: 'text/plain' }],
    ['an uninferable body', json({ schemaVersion: 2 }), undefined, { field: 'mediaType' }],
    ['a body with both layers and manifests', json({ ...ociImage, mediaType: undefined, manifests: [] }), undefined, { field: 'mediaType' }],
    [
      'Content-Type and body mediaType disagreeing',
      json(ociImage),
      DOCKER_MANIFEST_V2,
      { reason: 'Content-Type does not match the manifest mediaType', contentType: DOCKER_MANIFEST_V2, mediaType: OCI_IMAGE_MANIFEST },
    ],
    ['an index body sent as an image', json(ociIndex), `${OCI_IMAGE_MANIFEST}; charset=utf-8`, { contentType: OCI_IMAGE_MANIFEST }],
    ['an image without config', json({ ...ociImage, config: undefined }), undefined, { field: 'config', reason: 'is required' }],
    ['an image with a string config', json({ ...ociImage, config: 'sha256:x' }), undefined, { field: 'config' }],
    ['an image without layers', json({ ...dockerImage, layers: undefined }), undefined, { field: 'layers', reason: 'is required' }],
    ['an image with an object for layers', json({ ...ociImage, layers: ociLayer }), undefined, { field: 'layers' }],
    ['an image typed by Content-Type but shaped as an index', json({ ...ociIndex, mediaType: undefined }), OCI_IMAGE_MANIFEST, { field: 'config' }],
    ['an index without manifests', json({ ...ociIndex, manifests: undefined }), undefined, { field: 'manifests', reason: 'is required' }],
    ['an index with an object for manifests', json({ ...ociIndex, manifests: {} }), undefined, { field: 'manifests' }],
    ['a null layer', json({ ...ociImage, layers: [null] }), undefined, { field: 'layers[0]' }],
    ['a layer without mediaType', json(layer({ mediaType: undefined })), undefined, { field: 'layers[0].mediaType', reason: 'is required' }],
    ['a layer with an empty mediaType', json(layer({ mediaType: '' })), undefined, { field: 'layers[0].mediaType' }],
    ['a config without mediaType', json({ ...ociImage, config: { ...emptyConfig, mediaType: undefined } }), undefined, { field: 'config.mediaType' }],
    ['a layer without digest', json(layer({ digest: undefined })), undefined, { field: 'layers[0].digest' }],
    ['a layer with a short digest', json(layer({ digest: 'sha256:abc' })), undefined, { field: 'layers[0].digest', digest: 'sha256:abc' }],
    ['a layer with an upper-case digest', json(layer({ digest: `sha256:${GOOD_HEX.toUpperCase()}` })), undefined, { field: 'layers[0].digest' }],
    ['a layer with an md5 digest', json(layer({ digest: `md5:${'0'.repeat(32)}` })), undefined, { field: 'layers[0].digest' }],
    ['a layer with a numeric digest', json(layer({ digest: 12 })), undefined, { field: 'layers[0].digest', digest: 12 }],
    ['a config with a bad digest', json({ ...ociImage, config: { ...emptyConfig, data: undefined, digest: 'x' } }), undefined, { field: 'config.digest' }],
    ['a subject with a bad digest', json({ ...ociImage, subject: { ...ociLayer, digest: 'sha256:' } }), undefined, { field: 'subject.digest' }],
    ['an index child with a bad digest', json({ ...ociIndex, manifests: [{ ...ociIndex.manifests[0], digest: 'bad' }] }), undefined, { field: 'manifests[0].digest' }],
    ['a layer without size', json(layer({ size: undefined })), undefined, { field: 'layers[0].size' }],
    ['a negative size', json(layer({ size: -1 })), undefined, { field: 'layers[0].size' }],
    ['a fractional size', json(layer({ size: 1.5 })), undefined, { field: 'layers[0].size' }],
    ['a string size', json(layer({ size: '10' })), undefined, { field: 'layers[0].size' }],
    ['an unsafe integer size', json(layer({ size: 2 ** 53 })), undefined, { field: 'layers[0].size' }],
    ['a size in exponent form beyond 2^53', Buffer.from(JSON.stringify(ociImage).replace(/"size":\d+/, '"size":1e300')), undefined, { field: 'config.size' }],
    ['urls that are not an array', json(layer({ urls: 'https://x' })), undefined, { field: 'layers[0].urls' }],
    ['urls holding a number', json(layer({ urls: [1] })), undefined, { field: 'layers[0].urls[0]' }],
    ['descriptor annotations with a number', json(layer({ annotations: { a: 1 } })), undefined, { field: 'layers[0].annotations.a' }],
    ['manifest annotations as an array', json({ ...ociImage, annotations: ['a'] }), undefined, { field: 'annotations' }],
    ['a numeric artifactType', json({ ...ociImage, artifactType: 1 }), undefined, { field: 'artifactType' }],
    ['an empty artifactType', json({ ...ociImage, artifactType: '' }), undefined, { field: 'artifactType' }],
    ['a descriptor artifactType that is not a string', json(layer({ artifactType: {} })), undefined, { field: 'layers[0].artifactType' }],
    ['a subject that is not an object', json({ ...ociImage, subject: 'sha256:x' }), undefined, { field: 'subject' }],
    ['a platform without os', json({ ...ociIndex, manifests: [{ ...ociIndex.manifests[0], platform: { architecture: 'amd64' } }] }), undefined, { field: 'manifests[0].platform.os' }],
    ['a platform as a string', json({ ...ociIndex, manifests: [{ ...ociIndex.manifests[0], platform: 'linux/amd64' }] }), undefined, { field: 'manifests[0].platform' }],
    ['os.features that are not strings', json({ ...ociIndex, manifests: [{ ...ociIndex.manifests[0], platform: { architecture: 'a', os: 'o', 'os.features': [1] } }] }), undefined, { field: 'manifests[0].platform.os.features[0]' }],
    ['data that is not base64', json({ ...ociImage, config: { ...emptyConfig, data: '{}' } }), undefined, { field: 'config.data', reason: 'must be base64' }],
    ['data that does not match the digest', json({ ...ociImage, config: { ...emptyConfig, data: 'e319' } }), undefined, { field: 'config.data' }],
    [
      'a Docker manifest list referencing a config',
      json({ ...dockerList, manifests: [descriptorOf(DOCKER_CONTAINER_CONFIG, '{}')] }),
      DOCKER_MANIFEST_LIST,
      { field: 'manifests[0].mediaType', reason: 'a manifest list may only reference manifests' },
    ],
    ['an OCI index with the body mediaType of an image', json({ ...ociIndex, mediaType: OCI_IMAGE_MANIFEST }), undefined, { field: 'config' }],
    ['an OCI image sent as an index', json({ ...ociImage, mediaType: undefined }), OCI_IMAGE_INDEX, { field: 'manifests' }],
  ])('%s', (_label, body, contentType, detail) => {
    expect(manifestError(body, contentType).detail).toMatchObject(detail);
  });

  it('a body larger than MAX_MANIFEST_BYTES, before parsing it', () => {
    const err = manifestError(Buffer.alloc(MAX_MANIFEST_BYTES + 1, 0x20));
    expect(err.detail).toEqual({ size: MAX_MANIFEST_BYTES + 1, limit: MAX_MANIFEST_BYTES });
  });

  it('to report more than the table message', () => {
    expect(manifestError(json(layer({ size: -1 }))).detail).toEqual({
      field: 'layers[0].size',
      reason: 'must be a non-negative integer',
    });
  });
});

describe('parseManifest refuses Docker schema1', () => {
  const schema1 = { schemaVersion: 1, name: 'library/x', tag: 'latest', architecture: 'amd64', fsLayers: [], history: [] };

  it.each<[string, Buffer, string | undefined]>([
    ['by Content-Type v1+json', json(schema1), DOCKER_MANIFEST_V1],
    ['by Content-Type v1+prettyjws', json(schema1), `${DOCKER_MANIFEST_V1_SIGNED}; charset=utf-8`],
    ['by Content-Type even with a schema2 body', json(dockerImage), DOCKER_MANIFEST_V1_SIGNED],
    ['by Content-Type even when the body is not JSON', Buffer.from('not json'), DOCKER_MANIFEST_V1],
    ['by schemaVersion 1 without Content-Type', json(schema1), undefined],
    ['by schemaVersion 1 under application/json', json(schema1), 'application/json'],
    ['by body mediaType', json({ ...dockerImage, mediaType: DOCKER_MANIFEST_V1 }), undefined],
  ])('%s', (_label, body, contentType) => {
    expect(manifestError(body, contentType).message).toBe(SCHEMA1_MESSAGE);
    expect(SCHEMA1_MESSAGE).toBe('schema1 manifests are not supported: push as Docker schema2 or OCI');
  });
});
