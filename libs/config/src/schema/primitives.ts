import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { showValue } from '../errors';
import { durationMs, sizeBytes } from '../units';

// Building blocks shared by every section. Each carries its own message so that an error
// reads "http.port: must be between 1 and 65535" rather than zod's generic wording.

/**
 * Text. YAML reads `harbor_admin_password: 12345` as a number; Harbor's tooling takes it as
 * text, so numbers and booleans are accepted and turned back into the same characters.
 */
export const text = () =>
  z.preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string());

export const nonEmpty = () => text().pipe(z.string().min(1, 'must not be empty'));

export const bool = () => z.boolean();

export const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const port = () =>
  z.number().int().min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535');

/** One of a fixed list; the message lists what is allowed. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (iss) => `expected one of ${values.join(', ')}, got ${showValue(iss.input)}` });

/** A Go-style duration ("5s", "24h", "5m0s") or a number of milliseconds, kept as written. */
export const duration = () =>
  z.custom<string | number>((v) => durationMs(v) !== undefined, {
    error: (iss) => `expected a duration such as "250ms", "5s", "5m" or "168h", got ${showValue(iss.input)}`,
  });

/** A size ("200M", "4MiB") or a number of bytes, normalised to bytes. */
export const size = () =>
  z
    .custom<string | number>((v) => sizeBytes(v) !== undefined, {
      error: (iss) => `expected a size such as "512k", "200M" or "1G", got ${showValue(iss.input)}`,
    })
    .transform((v) => sizeBytes(v) as number);

/** A filesystem path; relative paths resolve against the working directory at start. */
export const filePath = () => nonEmpty().transform((p) => resolve(p));

/** A path that must name an existing regular file (checked at start, not on first use). */
export const existingFile = () =>
  filePath().refine(isFile, { error: (iss) => `file not found or not a regular file: ${String(iss.input)}` });

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** An absolute http(s) URL. */
export const httpUrl = () =>
  nonEmpty().refine(isHttpUrl, { error: (iss) => `expected an http:// or https:// URL, got ${showValue(iss.input)}` });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A host name or IP address: no scheme, path or spaces (Harbor's `hostname` rule). */
export const hostName = () =>
  nonEmpty().refine((h) => !/[\s/]/.test(h), {
    error: (iss) => `expected a host name or IP address without scheme or path, got ${showValue(iss.input)}`,
  });
