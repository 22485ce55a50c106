import { parseDigest } from '@harbor-ts/oci';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { parseRangeHeader } from '../../http/ranges';
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
  const body = await repo.openBlob(digest, range?.start ?? 0, length);
  // pipeline: backpressure from a slow client reaches the file reader, and a client that goes
  // away destroys the reader instead of leaking a descriptor.
  await pipeline(body, res).catch((err) => {
    if (!res.writableFinished && req.destroyed) return;
    throw err;
  });
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
