// Media types of the OCI image spec and of Docker's image manifest formats.

// OCI image spec ("media-types.md").
export const OCI_IMAGE_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_IMAGE_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_IMAGE_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
export const OCI_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
export const OCI_LAYER_TAR_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const OCI_LAYER_TAR_ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';
// Deprecated by the image spec, but still pushed by older tools; accepted like any layer.
export const OCI_LAYER_NONDISTRIBUTABLE_TAR = 'application/vnd.oci.image.layer.nondistributable.v1.tar';
export const OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP = 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';
export const OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD = 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd';

// Docker image manifest v2, schema 2, and its manifest list.
export const DOCKER_MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_CONTAINER_CONFIG = 'application/vnd.docker.container.image.v1+json';
export const DOCKER_LAYER_TAR = 'application/vnd.docker.image.rootfs.diff.tar';
export const DOCKER_LAYER_TAR_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
export const DOCKER_FOREIGN_LAYER_TAR_GZIP = 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';

// Docker image manifest v2, schema 1: recognised only to be refused with a clear message.
export const DOCKER_MANIFEST_V1 = 'application/vnd.docker.distribution.manifest.v1+json';
export const DOCKER_MANIFEST_V1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';

/** Manifest media types a PUT may carry. */
export const MANIFEST_MEDIA_TYPES: readonly string[] = Object.freeze([
  OCI_IMAGE_MANIFEST,
  OCI_IMAGE_INDEX,
  DOCKER_MANIFEST_V2,
  DOCKER_MANIFEST_LIST,
]);

export const SCHEMA1_MEDIA_TYPES: readonly string[] = Object.freeze([DOCKER_MANIFEST_V1, DOCKER_MANIFEST_V1_SIGNED]);

/**
 * The media type without parameters, trimmed and lower-cased ("type and subtype are
 * case-insensitive", RFC 6838): 'Application/JSON; charset=utf-8' -> 'application/json'.
 */
export function baseMediaType(value: string): string {
  const semicolon = value.indexOf(';');
  return (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

export function isManifestMediaType(mediaType: string): boolean {
  return MANIFEST_MEDIA_TYPES.includes(baseMediaType(mediaType));
}

export function isIndexMediaType(mediaType: string): boolean {
  const base = baseMediaType(mediaType);
  return base === OCI_IMAGE_INDEX || base === DOCKER_MANIFEST_LIST;
}

export function isSchema1MediaType(mediaType: string): boolean {
  return SCHEMA1_MEDIA_TYPES.includes(baseMediaType(mediaType));
}
