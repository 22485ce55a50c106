import type { Response } from 'express';

/** The client closed the connection before the body was sent. */
export class ClientGoneError extends Error {
  constructor() {
    super('client closed the connection');
    this.name = 'ClientGoneError';
  }
}

/**
 * Writes one chunk and resolves once the socket has taken it, so the caller may reuse the
 * buffer (StorageDriver.pump) and a slow client slows the reads down: backpressure.
 */
export function writeChunk(res: Response, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.destroyed) return reject(new ClientGoneError());
    const gone = () => reject(new ClientGoneError());
    res.once('close', gone);
    res.write(chunk, (err) => {
      res.off('close', gone);
      if (err) reject(err);
      else resolve();
    });
  });
}
