// Validation of the JSON values inside a manifest: descriptors and their parts.
// Every failure is MANIFEST_INVALID with detail { field, reason } naming the offending field.
import { digestOf, parseDigest } from './digest';
import { isOciError, OciError } from './errors';

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  artifactType?: string;
  platform?: Platform;
  data?: string;
}

export function invalid(field: string, reason: string, extra?: Record<string, unknown>): OciError {
  return OciError.of('MANIFEST_INVALID', { field, reason, ...extra });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Optional fields may be null: Go clients marshal nil maps and slices as null, and the
 * reference registry, written in Go, reads null as absent.
 */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function readString(value: unknown, field: string): string {
  if (!isPresent(value)) throw invalid(field, 'is required');
  if (typeof value !== 'string' || value === '') throw invalid(field, 'must be a non-empty string');
  return value;
}

export function readOptionalString(value: unknown, field: string): string | undefined {
  return isPresent(value) ? readString(value, field) : undefined;
}

function readStringArray(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be an array of strings');
  return value.map((item, i) => readString(item, `${field}[${i}]`));
}

/** "annotations ... MUST be a key-value map where both the key and value MUST be strings." */
export function readAnnotations(value: unknown, field: string): Record<string, string> | undefined {
  if (!isPresent(value)) return undefined;
  if (!isRecord(value)) throw invalid(field, 'must be a map of strings to strings');
  const entries = Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw invalid(`${field}.${key}`, 'must be a string');
  }
  // fromEntries defines own properties, so a "__proto__" key stays a plain annotation.
  return Object.fromEntries(entries) as Record<string, string>;
}

function readDigestField(value: unknown, field: string): string {
  try {
    return parseDigest(value as string).digest;
  } catch (err) {
    if (!isOciError(err)) throw err;
    throw invalid(field, 'invalid digest', { digest: value });
  }
}

/** "size ... This REQUIRED property specifies the size, in bytes, of the raw content." */
function readSize(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(field, 'must be a non-negative integer');
  }
  return value;
}

function readPlatform(value: unknown, field: string): Platform {
  if (!isRecord(value)) throw invalid(field, 'must be an object');
  const platform: Platform = {
    architecture: readString(value.architecture, `${field}.architecture`),
    os: readString(value.os, `${field}.os`),
  };
  const variant = readOptionalString(value.variant, `${field}.variant`);
  const osVersion = readOptionalString(value['os.version'], `${field}.os.version`);
  if (variant !== undefined) platform.variant = variant;
  if (osVersion !== undefined) platform['os.version'] = osVersion;
  if (isPresent(value['os.features'])) {
    platform['os.features'] = readStringArray(value['os.features'], `${field}.os.features`);
  }
  return platform;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** "data ... MUST be base64 encoded" and, when present, must match the digest and size. */
function readData(value: unknown, field: string, digest: string, size: number): string {
  if (typeof value !== 'string' || !BASE64.test(value)) throw invalid(field, 'must be base64');
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== size || digestOf(bytes, parseDigest(digest).algorithm) !== digest) {
    throw invalid(field, 'does not match the descriptor digest and size');
  }
  return value;
}

/** A validated copy of a descriptor holding only the fields the image spec defines. */
export function readDescriptor(value: unknown, field: string): Descriptor {
  if (!isPresent(value)) throw invalid(field, 'is required');
  if (!isRecord(value)) throw invalid(field, 'must be a descriptor object');
  const descriptor: Descriptor = {
    mediaType: readString(value.mediaType, `${field}.mediaType`),
    digest: readDigestField(value.digest, `${field}.digest`),
    size: readSize(value.size, `${field}.size`),
  };
  if (isPresent(value.urls)) descriptor.urls = readStringArray(value.urls, `${field}.urls`);
  const annotations = readAnnotations(value.annotations, `${field}.annotations`);
  if (annotations) descriptor.annotations = annotations;
  const artifactType = readOptionalString(value.artifactType, `${field}.artifactType`);
  if (artifactType !== undefined) descriptor.artifactType = artifactType;
  if (isPresent(value.platform)) descriptor.platform = readPlatform(value.platform, `${field}.platform`);
  if (isPresent(value.data)) descriptor.data = readData(value.data, `${field}.data`, descriptor.digest, descriptor.size);
  return descriptor;
}

export function readDescriptors(value: unknown, field: string): Descriptor[] {
  if (!isPresent(value)) throw invalid(field, 'is required');
  if (!Array.isArray(value)) throw invalid(field, 'must be an array of descriptors');
  return value.map((item, i) => readDescriptor(item, `${field}[${i}]`));
}
