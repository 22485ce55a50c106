import { OciError } from '@harbor-ts/oci';
import type { Request } from 'express';

/**
 * Reads a small request body (a manifest) with a hard cap: the announced length is checked
 * before reading, and a chunked body is cut off as soon as it passes the cap.
 */
export async function readLimitedBody(req: Request, limit: number): Promise<Buffer> {
  const announced = Number(req.get('content-length') ?? '0');
  if (announced > limit) throw tooLarge(announced, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.destroy();
      throw tooLarge(size, limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(size: number, limit: number): OciError {
  return OciError.of('MANIFEST_INVALID', { reason: 'manifest too large', size, limit });
}
