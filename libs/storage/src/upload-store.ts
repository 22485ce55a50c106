import { Digester, OciError, parseDigest, type DigestAlgorithm } from '@harbor-ts/oci';
import { randomUUID } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobInfo, BlobStore } from './blob-store';
import { isNotFound, type StorageDriver } from './driver/driver';
import { BoundedMap } from './bounded-map';
import { KeyedMutex } from './keyed-mutex';
import { layout } from './layout';

export interface UploadStatus {
  id: string;
  /** Bytes received so far; the next chunk must start here. */
  size: number;
  startedAt: Date;
}

export interface ChunkOptions {
  /** First byte offset the client claims for this chunk (Content-Range start). */
  start?: number;
  /** Exact number of bytes the client announced for this chunk. */
  length?: number;
}

/** Hash state of an upload in progress, valid only while `bytes` equals the data file's size. */
interface HashState {
  digester: Digester;
  bytes: number;
}

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_HASH_STATES = 10_000;

/** In-process state shared by the upload stores of one registry: hash shortcuts and locks. */
export class UploadSessions {
  readonly locks = new KeyedMutex();
  /** Bounded: a client that abandons sessions costs memory only up to the cap. */
  private readonly hashes = new BoundedMap<string, HashState>(MAX_HASH_STATES);

  take(key: string): HashState | undefined {
    const state = this.hashes.get(key);
    this.hashes.delete(key);
    return state;
  }

  forget(key: string): void {
    this.hashes.delete(key);
  }

  remember(key: string, state: HashState): void {
    this.hashes.set(key, state);
  }
}

/**
 * Upload sessions of one repository. The session lives on disk (`_uploads/<id>`), so a
 * registry restart loses nothing: the hash state kept in memory is only a shortcut, taken out
 * of memory when used, and when it is missing, stale or for another algorithm the data file
 * is hashed again before commit.
 */
export class UploadStore {
  constructor(
    private readonly sessions: UploadSessions,
    private readonly driver: StorageDriver,
    private readonly blobs: BlobStore,
    private readonly name: string,
    private readonly link: (digest: string) => Promise<void>,
  ) {}

  async create(): Promise<UploadStatus> {
    const id = randomUUID();
    const startedAt = new Date();
    await this.driver.putContent(layout.uploadStartedAt(this.name, id), startedAt.toISOString());
    await this.driver.putContent(layout.uploadData(this.name, id), Buffer.alloc(0));
    this.sessions.remember(this.key(id), { digester: new Digester('sha256'), bytes: 0 });
    return { id, size: 0, startedAt };
  }

  async status(id: string): Promise<UploadStatus> {
    if (!UPLOAD_ID.test(id)) throw OciError.of('BLOB_UPLOAD_UNKNOWN', { id });
    try {
      const startedAt = await this.driver.getContent(layout.uploadStartedAt(this.name, id));
      const data = await this.driver.stat(layout.uploadData(this.name, id));
      return { id, size: data.size, startedAt: new Date(startedAt.toString()) };
    } catch (err) {
      if (isNotFound(err)) throw OciError.of('BLOB_UPLOAD_UNKNOWN', { id });
      throw err;
    }
  }

  /** Appends one chunk. "If a chunk is uploaded out of order, the registry MUST respond with 416." */
  append(id: string, body: Readable, chunk: ChunkOptions = {}): Promise<UploadStatus> {
    return this.sessions.locks.run(this.key(id), () => this.appendLocked(id, body, chunk));
  }

  /** Appends an optional final chunk, verifies the digest, and makes the blob visible. */
  complete(id: string, digest: string, body?: Readable, chunk: ChunkOptions = {}): Promise<BlobInfo> {
    return this.sessions.locks.run(this.key(id), async () => {
      const expected = parseDigest(digest);
      const status = body ? await this.appendLocked(id, body, chunk) : await this.status(id);
      const actual = await this.computeDigest(id, status.size, expected.algorithm);
      if (actual !== expected.digest) {
        await this.discard(id);
        throw OciError.of('DIGEST_INVALID', { expected: expected.digest, actual });
      }
      await this.blobs.adopt(expected.digest, layout.uploadData(this.name, id));
      await this.link(expected.digest);
      await this.discard(id);
      return { digest: expected.digest, size: status.size };
    });
  }

  /** Under the session's lock, so a chunk being written finishes (or fails) before the session goes. */
  cancel(id: string): Promise<void> {
    return this.sessions.locks.run(this.key(id), async () => {
      await this.status(id);
      await this.discard(id);
    });
  }

  private async appendLocked(id: string, body: Readable, chunk: ChunkOptions): Promise<UploadStatus> {
    const status = await this.status(id);
    if (chunk.start !== undefined && chunk.start !== status.size) {
      body.resume();
      throw OciError.of('RANGE_INVALID', { expectedStart: status.size, start: chunk.start });
    }
    const key = this.key(id);
    const state = this.sessions.take(key);
    const hash = state && state.bytes === status.size ? state : undefined;
    const counter = new ChunkCounter(chunk.length, hash?.digester);
    const writer = await this.driver.writer(layout.uploadData(this.name, id), true).catch((err) => {
      // Purged between the status check and the open.
      if (isNotFound(err)) throw OciError.of('BLOB_UPLOAD_UNKNOWN', { id });
      throw err;
    });
    try {
      await pipeline(body, counter, writer.stream);
    } catch (err) {
      // Keep what reached the disk: it is a prefix of the blob, and GET on the session tells
      // the client where to resume. The hash state is dropped; commit re-reads the file.
      await writer.commit().catch(() => undefined);
      throw err;
    }
    await writer.commit();
    if (chunk.length !== undefined && counter.bytes !== chunk.length) {
      throw OciError.of('SIZE_INVALID', { announced: chunk.length, received: counter.bytes });
    }
    if (hash) this.sessions.remember(key, { digester: hash.digester, bytes: status.size + counter.bytes });
    return { ...status, size: status.size + counter.bytes };
  }

  private async computeDigest(id: string, size: number, algorithm: DigestAlgorithm): Promise<string> {
    // take(): a digester can finish only once, so a commit that fails after this point and is
    // retried hashes the file again instead of reusing a spent state.
    const state = this.sessions.take(this.key(id));
    if (state && state.bytes === size && algorithm === 'sha256') return state.digester.digest();
    const digester = new Digester(algorithm);
    const reader = await this.driver.reader(layout.uploadData(this.name, id));
    for await (const piece of reader) digester.update(piece as Buffer);
    return digester.digest();
  }

  private async discard(id: string): Promise<void> {
    this.sessions.forget(this.key(id));
    await this.driver.delete(layout.upload(this.name, id)).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }

  private key(id: string): string {
    return `${this.name}\n${id}`;
  }
}

/** Counts (and hashes, when the session's hash state is current) the bytes of one chunk. */
class ChunkCounter extends Transform {
  bytes = 0;

  constructor(
    private readonly limit: number | undefined,
    private readonly digester: Digester | undefined,
  ) {
    super();
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += piece.length;
    if (this.limit !== undefined && this.bytes > this.limit) {
      done(OciError.of('SIZE_INVALID', { announced: this.limit, received: `more than ${this.limit}` }));
      return;
    }
    this.digester?.update(piece);
    done(null, piece);
  }
}
