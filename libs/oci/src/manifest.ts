// Parsing and validation of pushed manifests: OCI image manifests and indexes, Docker schema2
// manifests and manifest lists. Schema1 is recognised only to be refused.
import {
  type Descriptor,
  invalid,
  isPresent,
  isRecord,
  readAnnotations,
  readDescriptor,
  readDescriptors,
  readOptionalString,
} from './descriptor';
import { OciError } from './errors';
import {
  baseMediaType,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V2,
  isIndexMediaType,
  isManifestMediaType,
  isSchema1MediaType,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
} from './media-types';

export type { Descriptor, Platform } from './descriptor';

export interface ParsedManifest {
  /** Body "mediaType", else the Content-Type, else inferred from the fields present. */
  mediaType: string;
  kind: 'image' | 'index';
  config?: Descriptor;
  layers: Descriptor[];
  manifests: Descriptor[];
  subject?: Descriptor;
  artifactType?: string;
  annotations?: Record<string, string>;
}

// The distribution spec: "Registries SHOULD accept manifests of at least 4 megabytes."
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export const SCHEMA1_MESSAGE = 'schema1 manifests are not supported: push as Docker schema2 or OCI';

type Json = Record<string, unknown>;

function schema1Refused(mediaType: string): OciError {
  return OciError.of('MANIFEST_INVALID', { mediaType }, SCHEMA1_MESSAGE);
}

function bodyInvalid(reason: string, extra?: Record<string, unknown>): OciError {
  return OciError.of('MANIFEST_INVALID', { reason, ...extra });
}

/**
 * The Content-Type as a media type, or undefined when it says nothing about the format:
 * absent, or the generic application/json that some clients send for every JSON body.
 */
function declaredMediaType(contentType: string | undefined): string | undefined {
  const base = contentType === undefined ? '' : baseMediaType(contentType);
  return base === '' || base === 'application/json' ? undefined : base;
}

function parseJsonObject(body: Buffer): Json {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw bodyInvalid('manifest is not valid JSON');
  }
  if (!isRecord(json)) throw bodyInvalid('manifest is not a JSON object');
  return json;
}

function inferMediaType(json: Json): string {
  const image = json.config !== undefined || json.layers !== undefined;
  const index = json.manifests !== undefined;
  if (image && !index) return OCI_IMAGE_MANIFEST;
  if (index && !image) return OCI_IMAGE_INDEX;
  throw invalid('mediaType', 'is missing and cannot be inferred from config, layers or manifests');
}

function effectiveMediaType(json: Json, declared: string | undefined): string {
  const inBody = readOptionalString(json.mediaType, 'mediaType');
  if (inBody !== undefined && isSchema1MediaType(inBody)) throw schema1Refused(inBody);
  // "If the manifest has a mediaType field, clients SHOULD set the Content-Type header to the
  // value specified by the mediaType field": two different answers mean a confused client.
  if (inBody !== undefined && declared !== undefined && baseMediaType(inBody) !== declared) {
    throw bodyInvalid('Content-Type does not match the manifest mediaType', { contentType: declared, mediaType: inBody });
  }
  // Docker's schema2 manifests and lists must carry their mediaType. Requiring it keeps what is
  // stored self-describing: a manifest without one is always OCI, before and after a restart.
  if (inBody === undefined && (declared === DOCKER_MANIFEST_V2 || declared === DOCKER_MANIFEST_LIST)) {
    throw invalid('mediaType', 'is required in Docker manifests', { contentType: declared });
  }
  const mediaType = inBody !== undefined ? baseMediaType(inBody) : (declared ?? inferMediaType(json));
  if (!isManifestMediaType(mediaType)) throw invalid('mediaType', 'unsupported manifest media type', { mediaType });
  return mediaType;
}

function readIndexChildren(json: Json, mediaType: string): Descriptor[] {
  const manifests = readDescriptors(json.manifests, 'manifests');
  if (mediaType !== DOCKER_MANIFEST_LIST) return manifests; // OCI indexes may list any content
  manifests.forEach((child, i) => {
    if (!isManifestMediaType(child.mediaType)) {
      throw invalid(`manifests[${i}].mediaType`, 'a manifest list may only reference manifests');
    }
  });
  return manifests;
}

/** Fields shared by images and indexes: subject, artifactType and annotations. */
function withCommonFields(manifest: ParsedManifest, json: Json): ParsedManifest {
  if (isPresent(json.subject)) manifest.subject = readDescriptor(json.subject, 'subject');
  const artifactType = readOptionalString(json.artifactType, 'artifactType');
  if (artifactType !== undefined) manifest.artifactType = artifactType;
  const annotations = readAnnotations(json.annotations, 'annotations');
  if (annotations) manifest.annotations = annotations;
  return manifest;
}

/**
 * Parses and validates a pushed manifest; throws OciError MANIFEST_INVALID explaining why not.
 * `maxBytes` is the registry's configured limit (4 MiB unless configured otherwise).
 */
export function parseManifest(body: Buffer, contentType?: string, maxBytes = MAX_MANIFEST_BYTES): ParsedManifest {
  if (body.length > maxBytes) {
    throw OciError.of('MANIFEST_INVALID', { size: body.length, limit: maxBytes });
  }
  const declared = declaredMediaType(contentType);
  if (declared !== undefined && isSchema1MediaType(declared)) throw schema1Refused(declared);
  const json = parseJsonObject(body);
  if (json.schemaVersion === 1) throw schema1Refused(declared ?? 'schemaVersion 1');
  if (json.schemaVersion !== 2) throw invalid('schemaVersion', 'must be 2');
  const mediaType = effectiveMediaType(json, declared);
  const manifest: ParsedManifest = isIndexMediaType(mediaType)
    ? { mediaType, kind: 'index', layers: [], manifests: readIndexChildren(json, mediaType) }
    : {
        mediaType,
        kind: 'image',
        config: readDescriptor(json.config, 'config'),
        layers: readDescriptors(json.layers, 'layers'),
        manifests: [],
      };
  return withCommonFields(manifest, json);
}
