// What a parsed manifest points at: the blobs and child manifests that must exist before it
// is accepted, and the descriptor it contributes to its subject's referrers list.
import type { Descriptor, ParsedManifest } from './manifest';
import { OCI_IMAGE_INDEX } from './media-types';

/**
 * Config and layers, except layers with `urls`: non-distributable ("foreign") layers are
 * fetched from those URLs, so the registry need not hold them.
 */
export function requiredBlobs(m: ParsedManifest): Descriptor[] {
  if (m.kind !== 'image') return [];
  const layers = m.layers.filter((layer) => !layer.urls?.length);
  return m.config ? [m.config, ...layers] : layers;
}

/** An index requires every manifest it lists. */
export function requiredManifests(m: ParsedManifest): Descriptor[] {
  return m.kind === 'index' ? [...m.manifests] : [];
}

/**
 * The referrers API: "artifactType: the value of the artifactType if present, otherwise the
 * config.mediaType for image manifests"; "annotations: ... the value of annotations if present".
 */
export function referrerDescriptor(m: ParsedManifest, digest: string, size: number): Descriptor {
  const descriptor: Descriptor = { mediaType: m.mediaType, digest, size };
  const artifactType = m.artifactType ?? (m.kind === 'image' ? m.config?.mediaType : undefined);
  if (artifactType !== undefined) descriptor.artifactType = artifactType;
  if (m.annotations !== undefined) descriptor.annotations = { ...m.annotations };
  return descriptor;
}

/** "The response ... MUST be an image index" whose manifests are the referrer descriptors. */
export function referrersIndex(descriptors: Descriptor[]): {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
} {
  return { schemaVersion: 2, mediaType: OCI_IMAGE_INDEX, manifests: descriptors };
}
