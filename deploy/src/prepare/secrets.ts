import { type HarborConfig, internalSecretFile, tokenCertificateFile, tokenPrivateKeyFile } from '@harbor-ts/config';
import { ensureInternalSecret } from '@harbor-ts/jobs';
import { ensureTokenKeys } from '@harbor-ts/token';
import { existsSync } from 'node:fs';

export interface PreparedFile {
  file: string;
  created: boolean;
}

/**
 * The files every service expects under data_volume before it starts, made with the same
 * functions core uses at its own start (so either may run first). Existing files are kept:
 * a new token key would void every issued token, a new internal secret every running service.
 */
export async function ensureSecrets(c: HarborConfig): Promise<PreparedFile[]> {
  const files = [tokenPrivateKeyFile(c), tokenCertificateFile(c), internalSecretFile(c)];
  const existed = files.map((f) => existsSync(f));
  await ensureTokenKeys(tokenPrivateKeyFile(c), tokenCertificateFile(c));
  await ensureInternalSecret(internalSecretFile(c));
  return files.map((file, i) => ({ file, created: !existed[i] }));
}
