// Deterministic blob content. Byte i of a blob is a pure function of (seed, i), so the bench can
// produce a blob twice (once to hash it, once to send it), or any byte range of it (chunked
// upload), without ever holding the blob in memory.
//
// Content: the blob is cut into 256 KiB pages; page k is a window of one shared 1 MiB random
// block starting at an offset mixed from (seed, k), with (seed, k) stamped into its first bytes,
// so every page of every blob is unique while generation costs only a memcpy.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export const PAGE_SIZE = 256 * 1024;
const BASE_SIZE = 1024 * 1024;
const BASE_SEED = 0x5eed_b10b;
const STAMP_SIZE = 16;
const STAMP_MAGIC = 0x68617262; // "harb"

export interface BlobSpec {
  readonly seed: number;
  readonly size: number;
}

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for incompressible test data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

let base: Buffer | undefined;
function baseBlock(): Buffer {
  if (!base) {
    const next = mulberry32(BASE_SEED);
    base = Buffer.allocUnsafe(BASE_SIZE);
    for (let i = 0; i < BASE_SIZE; i += 4) base.writeUInt32LE(next(), i);
  }
  return base;
}

function pageOffset(seed: number, page: number): number {
  const mix = mulberry32(Math.imul(seed >>> 0, 0x9e3779b1) ^ page);
  return mix() % BASE_SIZE;
}

/** Bytes [from, to) of page `page` of blob `seed`; 0 <= from < to <= PAGE_SIZE. */
function pageSlice(seed: number, page: number, from: number, to: number): Buffer {
  const out = Buffer.allocUnsafe(to - from);
  const src = baseBlock();
  let offset = (pageOffset(seed, page) + from) % BASE_SIZE;
  for (let written = 0; written < out.length; offset = 0) {
    written += src.copy(out, written, offset, Math.min(BASE_SIZE, offset + out.length - written));
  }
  if (from < STAMP_SIZE) {
    const stamp = Buffer.alloc(STAMP_SIZE);
    stamp.writeUInt32LE(seed >>> 0, 0);
    stamp.writeUInt32LE(page >>> 0, 4);
    stamp.writeUInt32LE(Math.floor(page / 2 ** 32), 8);
    stamp.writeUInt32LE(STAMP_MAGIC, 12);
    stamp.copy(out, 0, from, Math.min(STAMP_SIZE, to));
  }
  return out;
}

/** The bytes [start, end) of a blob, as a sequence of buffers of at most PAGE_SIZE bytes. */
export function* blobChunks(spec: BlobSpec, start = 0, end = spec.size): Generator<Buffer> {
  if (start < 0 || end > spec.size || start > end) throw new RangeError(`bad range ${start}-${end} of ${spec.size}`);
  for (let pos = start; pos < end; ) {
    const page = Math.floor(pos / PAGE_SIZE);
    const from = pos - page * PAGE_SIZE;
    const to = Math.min(PAGE_SIZE, end - page * PAGE_SIZE);
    yield pageSlice(spec.seed, page, from, to);
    pos += to - from;
  }
}

/** A byte stream of [start, end) of the blob, for request bodies. */
export function blobStream(spec: BlobSpec, start = 0, end = spec.size): Readable {
  return Readable.from(blobChunks(spec, start, end), { objectMode: false, highWaterMark: 4 * PAGE_SIZE });
}

/** The whole blob in memory: only for small blobs. */
export function blobBytes(spec: BlobSpec): Buffer {
  return Buffer.concat([...blobChunks(spec)]);
}

/** sha256 digest of the blob, computed in one streaming pass. */
export function blobDigest(spec: BlobSpec): string {
  const hash = createHash('sha256');
  for (const chunk of blobChunks(spec)) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
