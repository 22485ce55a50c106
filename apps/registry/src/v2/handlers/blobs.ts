import { parseDigest } from '@harbor-ts/oci';
import type { Response } from 'express';
import { parseRangeHeader } from '../../http/ranges';
import { ClientGoneError, writeChunk } from '../../http/write-chunk';
import type { HandlerArgs, MethodTable } from '../context';
import { assertDeleteEnabled, repositoryOf } from './names';

function blobHeaders(res: Response, digest: string, length: number): void {
  res.setHeader('Docker-Content-Digest', digest);
  res.setHeader('Content-Type', 'application/octet-stream');
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Length', length);
  res.setHeader('ETag', `"${digest}"`);
  res.setHeader('Cache-Control', 'max-age=31536000');
}

async function getBlob({ ctx, route, req, res }: HandlerArgs<'blob'>): Promise<void> {
  const repo = repositoryOf(ctx, route.name);
  const { digest } = parseDigest(route.digest);
  const info = await repo.statBlob(digest);
  const range = parseRangeHeader(req.get('range'), info.size);
  const length = range ? range.end - range.start + 1 : info.size;
  blobHeaders(res, digest, length);
  if (range) {
    res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`);
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // Each chunk is written before its buffer is read into again: backpressure from a slow
  // client reaches the file, and a client that goes away stops the reads and closes the file.
  try {
    await repo.pumpBlob(digest, range?.start ?? 0, length, (chunk) => writeChunk(res, chunk));
  } catch (err) {
    if (err instanceof ClientGoneError || res.destroyed) return; // the client left; nothing to answer
    throw err;
  }
  res.end();
}

export const blobHandlers: MethodTable<'blob'> = {
  GET: getBlob,
  HEAD: getBlob,
  DELETE: async ({ ctx, route, res }) => {
    assertDeleteEnabled(ctx);
    const repo = repositoryOf(ctx, route.name);
    await repo.deleteBlob(parseDigest(route.digest).digest);
    res.status(202).setHeader('Content-Length', 0).end();
  },
};
