import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { CtlError } from './errors';

const SCHEME = 'Harbor-Secret ';

/**
 * Harbor's internal authentication: `Authorization: Harbor-Secret <secret>`, the secret shared
 * through the internal secret file. Compared as hashes so the comparison takes the same time
 * whatever the length or content of the guess.
 */
export function secretAuth(secret: string): RequestHandler {
  if (secret.length === 0) throw new Error('registryctl: the internal secret is empty');
  const expected = sha256(secret);
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith(SCHEME) ? header.slice(SCHEME.length).trim() : undefined;
    if (given !== undefined && timingSafeEqual(sha256(given), expected)) return next();
    next(new CtlError(401, 'UNAUTHORIZED', 'a valid Harbor-Secret authorization is required'));
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
