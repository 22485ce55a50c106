import * as oci from '@harbor-ts/oci';

describe('@harbor-ts/oci', () => {
  it.each([
    'OCI_ERRORS', 'OciError', 'renderOciError', 'isOciError',
    'parseDigest', 'isDigest', 'Digester', 'digestOf',
    'MAX_REPOSITORY_NAME_LENGTH', 'isValidRepositoryName', 'assertRepositoryName', 'isValidTag', 'parseReference',
    'parseV2Route',
    'MANIFEST_MEDIA_TYPES', 'isIndexMediaType', 'OCI_EMPTY', 'DOCKER_MANIFEST_V2', 'DOCKER_MANIFEST_LIST',
    'MAX_MANIFEST_BYTES', 'parseManifest', 'requiredBlobs', 'requiredManifests', 'referrerDescriptor', 'referrersIndex',
  ])('exports %s', (name) => {
    expect(oci).toHaveProperty(name);
    expect((oci as Record<string, unknown>)[name]).toBeDefined();
  });
});
