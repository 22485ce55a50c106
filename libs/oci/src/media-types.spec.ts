import {
  baseMediaType,
  DOCKER_CONTAINER_CONFIG,
  DOCKER_LAYER_TAR_GZIP,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V1,
  DOCKER_MANIFEST_V1_SIGNED,
  DOCKER_MANIFEST_V2,
  isIndexMediaType,
  isManifestMediaType,
  isSchema1MediaType,
  MANIFEST_MEDIA_TYPES,
  OCI_EMPTY,
  OCI_IMAGE_CONFIG,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
  OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP,
  OCI_LAYER_TAR_ZSTD,
} from './media-types';

describe('media types', () => {
  it('accepts the four manifest formats for PUT and nothing else', () => {
    expect([...MANIFEST_MEDIA_TYPES].sort()).toEqual(
      [OCI_IMAGE_MANIFEST, OCI_IMAGE_INDEX, DOCKER_MANIFEST_V2, DOCKER_MANIFEST_LIST].sort(),
    );
    expect(Object.isFrozen(MANIFEST_MEDIA_TYPES)).toBe(true);
  });

  it.each([
    ['Application/JSON; charset=utf-8', 'application/json'],
    [` ${OCI_IMAGE_MANIFEST} `, OCI_IMAGE_MANIFEST],
    [`${DOCKER_MANIFEST_V2};q=1`, DOCKER_MANIFEST_V2],
    ['', ''],
  ])('baseMediaType(%p) = %p', (value, expected) => {
    expect(baseMediaType(value)).toBe(expected);
  });

  it.each([
    [OCI_IMAGE_MANIFEST, true, false, false],
    [OCI_IMAGE_INDEX, true, true, false],
    [DOCKER_MANIFEST_V2, true, false, false],
    [`${DOCKER_MANIFEST_LIST}; charset=utf-8`, true, true, false],
    [DOCKER_MANIFEST_V1, false, false, true],
    [DOCKER_MANIFEST_V1_SIGNED, false, false, true],
    [OCI_IMAGE_CONFIG, false, false, false],
    [OCI_EMPTY, false, false, false],
    [OCI_LAYER_TAR_ZSTD, false, false, false],
    [OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP, false, false, false],
    [DOCKER_CONTAINER_CONFIG, false, false, false],
    [DOCKER_LAYER_TAR_GZIP, false, false, false],
    ['application/json', false, false, false],
  ])('%s: manifest %p, index %p, schema1 %p', (mediaType, manifest, index, schema1) => {
    expect(isManifestMediaType(mediaType)).toBe(manifest);
    expect(isIndexMediaType(mediaType)).toBe(index);
    expect(isSchema1MediaType(mediaType)).toBe(schema1);
  });
});
