// Manifest fixtures for the unit tests: real digests of small made-up contents, so every
// descriptor passes validation unless a test breaks it on purpose.
import type { Descriptor } from '../descriptor';
import { digestOf } from '../digest';
import {
  DOCKER_CONTAINER_CONFIG,
  DOCKER_LAYER_TAR_GZIP,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V2,
  OCI_EMPTY,
  OCI_IMAGE_CONFIG,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
  OCI_LAYER_TAR_GZIP,
} from '../media-types';

/** A descriptor of `content` with its true digest and size. */
export function descriptorOf(mediaType: string, content: string, extra: Partial<Descriptor> = {}): Descriptor {
  return { mediaType, digest: digestOf(content), size: Buffer.byteLength(content), ...extra };
}

export function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export const dockerConfig = descriptorOf(DOCKER_CONTAINER_CONFIG, '{"architecture":"amd64"}');
export const dockerLayer = descriptorOf(DOCKER_LAYER_TAR_GZIP, 'docker layer');
export const ociConfig = descriptorOf(OCI_IMAGE_CONFIG, '{"os":"linux"}');
export const ociLayer = descriptorOf(OCI_LAYER_TAR_GZIP, 'oci layer');
export const emptyConfig: Descriptor = { ...descriptorOf(OCI_EMPTY, '{}'), data: 'e30=' };

export const dockerImage = {
  schemaVersion: 2,
  mediaType: DOCKER_MANIFEST_V2,
  config: dockerConfig,
  layers: [dockerLayer],
};

export const ociImage = {
  schemaVersion: 2,
  mediaType: OCI_IMAGE_MANIFEST,
  config: ociConfig,
  layers: [ociLayer],
  annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
};

const amd64 = { architecture: 'amd64', os: 'linux' };
const arm64 = { architecture: 'arm64', os: 'linux', variant: 'v8' };

export const dockerList = {
  schemaVersion: 2,
  mediaType: DOCKER_MANIFEST_LIST,
  manifests: [
    descriptorOf(DOCKER_MANIFEST_V2, 'amd64 manifest', { platform: amd64 }),
    descriptorOf(DOCKER_MANIFEST_V2, 'arm64 manifest', { platform: arm64 }),
  ],
};

export const ociIndex = {
  schemaVersion: 2,
  mediaType: OCI_IMAGE_INDEX,
  manifests: [
    descriptorOf(OCI_IMAGE_MANIFEST, 'amd64 manifest', { platform: amd64 }),
    descriptorOf(OCI_IMAGE_MANIFEST, 'windows manifest', {
      platform: { architecture: 'amd64', os: 'windows', 'os.version': '10.0.17763.1040', 'os.features': ['win32k'] },
    }),
  ],
};

export const HELM_CONFIG = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';

export const helmChart = {
  schemaVersion: 2,
  mediaType: OCI_IMAGE_MANIFEST,
  config: descriptorOf(HELM_CONFIG, '{"name":"demo","version":"1.0.0"}'),
  layers: [descriptorOf(HELM_CHART, 'chart tarball')],
};

export const SBOM = 'application/spdx+json';

/** An artifact attached to ociImage: empty config, artifactType and subject. */
export const sbomArtifact = {
  schemaVersion: 2,
  mediaType: OCI_IMAGE_MANIFEST,
  artifactType: SBOM,
  config: emptyConfig,
  layers: [descriptorOf(SBOM, '{"spdxVersion":"SPDX-2.3"}')],
  subject: descriptorOf(OCI_IMAGE_MANIFEST, JSON.stringify(ociImage)),
  annotations: { 'org.opencontainers.image.created': '2024-02-02T00:00:00Z' },
};
