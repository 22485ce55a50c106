import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The secret core, jobservice and registryctl authenticate each other with
 * (`Authorization: Harbor-Secret <secret>`, as Harbor's services do).
 */
export const SECRET_SCHEME = 'Harbor-Secret';

/** Core calls this at start: creates the secret (mode 0600) unless it exists, and returns it. */
export async function ensureInternalSecret(file: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails when another process created it first; then we read theirs.
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readInternalSecret(file);
}

export async function readInternalSecret(file: string): Promise<string> {
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret === '') throw new Error(`the internal secret file ${file} is empty`);
  return secret;
}

export function secretHeader(secret: string): string {
  return `${SECRET_SCHEME} ${secret}`;
}

/** Constant-time check of an Authorization header against the secret. */
export function isSecretHeader(header: string | undefined, secret: string): boolean {
  if (!header?.startsWith(`${SECRET_SCHEME} `)) return false;
  const given = Buffer.from(header.slice(SECRET_SCHEME.length + 1));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
