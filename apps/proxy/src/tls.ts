import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';

/** A problem that stops the proxy from starting; main prints it and exits 2. */
export class ProxyStartError extends Error {
  override readonly name = 'ProxyStartError';
}

/**
 * Reads and checks the certificate and key once at start, so a bad path fails the start with
 * the file named instead of failing every TLS handshake later.
 */
export function readTlsFiles(https: { certificateFile: string; privateKeyFile: string }): SecureContextOptions {
  const cert = readNamed('certificate', https.certificateFile);
  const key = readNamed('private key', https.privateKeyFile);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ProxyStartError(`cannot use certificate ${https.certificateFile} with private key ${https.privateKeyFile}: ${reason}`);
  }
  return { cert, key };
}

function readNamed(what: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ProxyStartError(`cannot read https ${what} file ${file}: ${reason}`);
  }
}
