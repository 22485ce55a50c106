import { parseManifest } from './manifest';
import { referrerDescriptor, referrersIndex, requiredBlobs, requiredManifests } from './manifest-links';
import { DOCKER_FOREIGN_LAYER_TAR_GZIP, DOCKER_MANIFEST_V2, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST } from './media-types';
import {
  descriptorOf,
  dockerConfig,
  dockerImage,
  dockerLayer,
  dockerList,
  emptyConfig,
  HELM_CONFIG,
  helmChart,
  json,
  ociImage,
  ociIndex,
  SBOM,
  sbomArtifact,
} from './testing/fixtures';

const parse = (body: object) => parseManifest(json(body));
const DIGEST = `sha256:${'c'.repeat(64)}`;

describe('requiredBlobs', () => {
  it('is the config and the layers of an image', () => {
    expect(requiredBlobs(parse(dockerImage))).toEqual([dockerConfig, dockerLayer]);
    expect(requiredBlobs(parse(helmChart))).toEqual([helmChart.config, ...helmChart.layers]);
  });

  it('includes the empty config of an artifact', () => {
    expect(requiredBlobs(parse(sbomArtifact))).toEqual([emptyConfig, ...sbomArtifact.layers]);
  });

  it('skips layers with urls, but not layers with an empty urls list', () => {
    const foreign = descriptorOf(DOCKER_FOREIGN_LAYER_TAR_GZIP, 'base', { urls: ['https://example.com/base'] });
    const local = { ...dockerLayer, urls: [] };
    expect(requiredBlobs(parse({ ...dockerImage, layers: [foreign, local] }))).toEqual([dockerConfig, local]);
  });

  it('is empty for an index', () => {
    expect(requiredBlobs(parse(ociIndex))).toEqual([]);
  });
});

describe('requiredManifests', () => {
  it.each([
    ['an OCI index', ociIndex, ociIndex.manifests],
    ['a Docker manifest list', dockerList, dockerList.manifests],
    ['an image', ociImage, []],
    ['an artifact with a subject (the subject need not exist)', sbomArtifact, []],
  ])('of %s', (_label, body, expected) => {
    expect(requiredManifests(parse(body))).toEqual(expected);
  });
});

describe('referrerDescriptor', () => {
  it.each([
    [
      'an artifact: its artifactType and annotations',
      sbomArtifact,
      { mediaType: OCI_IMAGE_MANIFEST, digest: DIGEST, size: 10, artifactType: SBOM, annotations: sbomArtifact.annotations },
    ],
    ['an image without artifactType: its config media type', helmChart, { mediaType: OCI_IMAGE_MANIFEST, digest: DIGEST, size: 10, artifactType: HELM_CONFIG }],
    [
      'a Docker image: the Docker config media type',
      dockerImage,
      { mediaType: DOCKER_MANIFEST_V2, digest: DIGEST, size: 10, artifactType: dockerConfig.mediaType },
    ],
    ['an index without artifactType: none', ociIndex, { mediaType: OCI_IMAGE_INDEX, digest: DIGEST, size: 10 }],
    [
      'an index with artifactType',
      { ...ociIndex, artifactType: 'application/x-bundle' },
      { mediaType: OCI_IMAGE_INDEX, digest: DIGEST, size: 10, artifactType: 'application/x-bundle' },
    ],
  ])('of %s', (_label, body, expected) => {
    const descriptor = referrerDescriptor(parse(body), DIGEST, 10);
    expect(descriptor).toEqual(expected);
    expect(Object.keys(descriptor)).toEqual(Object.keys(expected));
  });

  it('copies the annotations rather than sharing them', () => {
    const m = parse(sbomArtifact);
    const descriptor = referrerDescriptor(m, DIGEST, 10);
    expect(descriptor.annotations).not.toBe(m.annotations);
  });
});

describe('referrersIndex', () => {
  it('wraps descriptors in an OCI image index', () => {
    const descriptors = [referrerDescriptor(parse(sbomArtifact), DIGEST, 10)];
    expect(referrersIndex(descriptors)).toEqual({ schemaVersion: 2, mediaType: OCI_IMAGE_INDEX, manifests: descriptors });
  });

  it('is a valid, empty index when nothing refers to the subject', () => {
    const index = referrersIndex([]);
    expect(index).toEqual({ schemaVersion: 2, mediaType: OCI_IMAGE_INDEX, manifests: [] });
    expect(parseManifest(json(index), OCI_IMAGE_INDEX).kind).toBe('index');
  });
});
