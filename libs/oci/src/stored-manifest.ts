import { isRecord } from './descriptor';
import { DOCKER_MANIFEST_V1, DOCKER_MANIFEST_V1_SIGNED, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST, baseMediaType } from './media-types';

/** What serving a stored manifest needs: its media type and, for the referrers index, its subject. */
export interface StoredManifestInfo {
  mediaType: string;
  subject?: string;
}

const UNKNOWN = 'application/octet-stream';

/**
 * Describes a manifest already in storage. Unlike parseManifest this never refuses: the bytes
 * were accepted once (by us, or by another registry writing the same layout, schema1 included),
 * and a read must serve them as they are. The push rules make the inference stable: a stored
 * manifest without a mediaType field is always an OCI one.
 */
export function describeStoredManifest(body: Buffer): StoredManifestInfo {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { mediaType: UNKNOWN };
  }
  if (!isRecord(json)) return { mediaType: UNKNOWN };
  const subject = isRecord(json.subject) && typeof json.subject.digest === 'string' ? json.subject.digest : undefined;
  return { mediaType: mediaTypeOf(json), ...(subject ? { subject } : {}) };
}

function mediaTypeOf(json: Record<string, unknown>): string {
  if (typeof json.mediaType === 'string' && json.mediaType !== '') return baseMediaType(json.mediaType);
  if (json.schemaVersion === 1) return json.signatures !== undefined ? DOCKER_MANIFEST_V1_SIGNED : DOCKER_MANIFEST_V1;
  if (json.manifests !== undefined) return OCI_IMAGE_INDEX;
  if (json.config !== undefined || json.layers !== undefined) return OCI_IMAGE_MANIFEST;
  return UNKNOWN;
}
