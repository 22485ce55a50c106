import type { Readable, Writable } from 'node:stream';

/**
 * The storage-driver contract: every byte the registry keeps goes through these methods.
 * Paths are driver paths: absolute, '/'-separated, each segment made of [A-Za-z0-9._:-]
 * and never '.' or '..' (see `assertDriverPath`). A driver maps them under its own root.
 */
export interface StorageDriver {
  /** A short name for logs and metrics ("filesystem", "inmemory"). */
  readonly name: string;
  /** Reads a whole small file (links, manifests, upload state). */
  getContent(path: string): Promise<Buffer>;
  /** Writes a whole small file atomically: readers see the old or the new content, never a mix. */
  putContent(path: string, content: Buffer | string): Promise<void>;
  /** Opens a stream of `length` bytes (default: to the end) starting at `offset`. */
  reader(path: string, offset?: number, length?: number): Promise<Readable>;
  /**
   * Hands `length` bytes from `offset` to `sink` chunk by chunk, reusing a couple of buffers:
   * a chunk is valid only until the promise `sink` returned settles, and the next chunk is read
   * while the sink works on the current one. Serving big blobs this way allocates nothing per
   * chunk. Resolves when every byte was taken; rejects (closing the file) when the sink rejects.
   */
  pump(path: string, offset: number, length: number, sink: (chunk: Buffer) => Promise<void>): Promise<void>;
  /**
   * Opens a writer. Without `append` it creates (or truncates) the file and its parents; with
   * `append` it continues after the bytes already there (resumable uploads) and the file must exist.
   */
  writer(path: string, append: boolean): Promise<FileWriter>;
  /** Size, modification time and kind of a path. */
  stat(path: string): Promise<FileInfo>;
  /** Direct children of a directory, as full driver paths, sorted. */
  list(path: string): Promise<string[]>;
  /** Moves a file into place atomically, creating parent directories and replacing any target. */
  move(sourcePath: string, destPath: string): Promise<void>;
  /** Deletes a file or a whole directory tree. */
  delete(path: string): Promise<void>;
  /** Visits every path below `path` depth first; return 'skip' from `visit` to not descend into a directory. */
  walk(path: string, visit: (info: FileInfo) => Promise<void | 'skip'> | void | 'skip'): Promise<void>;
}

export interface FileInfo {
  path: string;
  size: number;
  modTime: Date;
  isDirectory: boolean;
}

/** A file being written. Bytes go through `stream`; `size` counts those already there too. */
export interface FileWriter {
  readonly stream: Writable;
  readonly size: number;
  /** Flushes and closes: after it resolves every byte written is durable under the path. */
  commit(): Promise<void>;
  /** Abandons the write and removes what this writer created. */
  cancel(): Promise<void>;
}

export class PathNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`path not found: ${path}`);
    this.name = 'PathNotFoundError';
  }
}

export class InvalidPathError extends Error {
  constructor(readonly path: string) {
    super(`invalid storage path: ${JSON.stringify(path)}`);
    this.name = 'InvalidPathError';
  }
}

const SEGMENT = /^[A-Za-z0-9._:-]+$/;

/**
 * Defence in depth: the layout only ever builds valid paths, but a driver refuses anything
 * that could climb out of its root, whatever a caller passes.
 */
export function assertDriverPath(path: string): void {
  if (!path.startsWith('/') || path.includes('\0')) throw new InvalidPathError(path);
  if (path === '/') return;
  for (const segment of path.slice(1).split('/')) {
    if (segment === '.' || segment === '..' || !SEGMENT.test(segment)) throw new InvalidPathError(path);
  }
}

export function isNotFound(err: unknown): err is PathNotFoundError {
  return err instanceof PathNotFoundError;
}
