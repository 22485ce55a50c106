import { createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// Core's token signing key on disk. Core ensures it at start and ./prepare before the first
// start, so both go through this one function.

export interface TokenKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * The RS256 key pair tokens are signed with. Generated on first start (Harbor's prepare does
 * this); the public half is written where the registry reads it. Written to a temporary name
 * and renamed, so a crash never leaves half a key behind.
 */
export async function ensureTokenKeys(privateKeyFile: string, certificateFile: string): Promise<TokenKeys> {
  const existing = await readFile(privateKeyFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  const privateKeyPem = existing ?? (await generatePrivateKey());
  if (!existing) await writeAtomically(privateKeyFile, privateKeyPem, 0o600);
  const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  const current = await readFile(certificateFile, 'utf8').catch(() => undefined);
  if (current !== publicKeyPem) await writeAtomically(certificateFile, publicKeyPem, 0o644);
  return { privateKeyPem, publicKeyPem };
}

/**
 * 2048 bits: an RS256 signature takes ~0.3 ms against ~4.6 ms at 4096 (Harbor's prepare
 * default), which decides how many tokens one core can issue (docker asks for one per
 * repository it touches). 2048-bit RSA is within NIST's recommendation through 2030; an
 * operator may put a 4096-bit key in place before the first start and core keeps it.
 */
const KEY_BITS = 2048;

function generatePrivateKey(): Promise<string> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: KEY_BITS }, (err, _pub, key) =>
      err ? reject(err) : resolve(key.export({ type: 'pkcs8', format: 'pem' }).toString()),
    ),
  );
}

async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content, { mode });
  await rename(temp, file);
}
