import { createCipheriv, createHash } from 'node:crypto';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header, type HeaderData } from 'tar';

/** A regular file to put in a layer; parent directories are added automatically. */
export interface LayerFile {
  path: string;
  content: string | Buffer;
  mode?: number;
}

export interface Layer {
  /** The gzip'd tar, as stored in the registry. */
  blob: Buffer;
  /** sha256 of the uncompressed tar, as listed in the image config's rootfs.diff_ids. */
  diffId: string;
}

const BLOCK_SIZE = 512;
/** Every entry gets the same owner and time, so the same files always give the same digest. */
const FIXED_HEADER: HeaderData = { uid: 0, gid: 0, uname: '', gname: '', mtime: new Date(0) };

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function buildLayer(files: readonly LayerFile[]): Layer {
  const tar = tarArchive(files);
  return { blob: gzipSync(tar, { level: 6 }), diffId: sha256Digest(tar) };
}

/** A deterministic ustar archive: sorted entries, directories first, fixed owner and mtime. */
export function tarArchive(files: readonly LayerFile[]): Buffer {
  const directories = parentDirectories(files).map((dir) => headerBlock({ path: `${dir}/`, type: 'Directory', mode: 0o755, size: 0 }));
  const entries = [...files].sort((a, b) => byCodeUnits(a.path, b.path)).map(fileEntry);
  return Buffer.concat([...directories, ...entries, Buffer.alloc(2 * BLOCK_SIZE)]);
}

/** Pseudo-random bytes that never change for a given seed (AES-CTR keystream); gzip cannot shrink them. */
export function seededBytes(size: number, seed: string): Buffer {
  const key = createHash('sha256').update(seed).digest().subarray(0, 16);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

/**
 * One file big enough that the registry must stream it (skopeo and podman send each blob as one
 * long PATCH, not as several chunks); a few MiB keeps the suite fast.
 */
export function bigLayerFiles(sizeBytes = 3 * 1024 * 1024, seed = 'harbor-e2e'): LayerFile[] {
  return [{ path: 'data/random.bin', content: seededBytes(sizeBytes, seed) }];
}

function fileEntry(file: LayerFile): Buffer {
  const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
  const header = headerBlock({ path: normalizedPath(file.path), type: 'File', mode: file.mode ?? 0o644, size: content.length });
  const padding = Buffer.alloc((BLOCK_SIZE - (content.length % BLOCK_SIZE)) % BLOCK_SIZE);
  return Buffer.concat([header, content, padding]);
}

function headerBlock(data: HeaderData): Buffer {
  const header = new Header({ ...FIXED_HEADER, ...data });
  if (header.encode() || !header.block) throw new Error(`tar entry needs a PAX header; use a shorter path: ${data.path}`);
  return header.block;
}

function parentDirectories(files: readonly LayerFile[]): string[] {
  const dirs = new Set<string>();
  for (const file of files) {
    for (let dir = posix.dirname(normalizedPath(file.path)); dir !== '.'; dir = posix.dirname(dir)) dirs.add(dir);
  }
  return [...dirs].sort();
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalizedPath(path: string): string {
  return posix.normalize(path).replace(/^\/+/, '');
}
