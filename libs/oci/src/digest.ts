// Content digests as defined by the OCI image spec ("descriptor.md", section Digests).
import { createHash, type Hash } from 'node:crypto';
import { OciError } from './errors';

export type DigestAlgorithm = 'sha256' | 'sha512';

export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
  /** "algorithm:hex", exactly as parsed. */
  digest: string;
}

// digest                ::= algorithm ":" encoded
// algorithm             ::= algorithm-component (algorithm-separator algorithm-component)*
// algorithm-component   ::= [a-z0-9]+
// algorithm-separator   ::= [+._-]
// encoded               ::= [a-zA-Z0-9=_-]+
const DIGEST_GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

// Registered algorithms: "the encoded portion MUST match /[a-f0-9]{64}/" for sha256 and
// "/[a-f0-9]{128}/" for sha512. Unregistered ones are refused: we could not verify them.
const ENCODED: Readonly<Record<DigestAlgorithm, RegExp>> = {
  sha256: /^[a-f0-9]{64}$/,
  sha512: /^[a-f0-9]{128}$/,
};

function isRegistered(algorithm: string): algorithm is DigestAlgorithm {
  return Object.hasOwn(ENCODED, algorithm);
}

/** The parsed digest, or undefined when the value is not a digest we accept. */
function tryParse(value: string): ParsedDigest | undefined {
  if (!DIGEST_GRAMMAR.test(value)) return undefined;
  const colon = value.indexOf(':');
  const algorithm = value.slice(0, colon);
  const hex = value.slice(colon + 1);
  if (!isRegistered(algorithm) || !ENCODED[algorithm].test(hex)) return undefined;
  return { algorithm, hex, digest: value };
}

/** Parses "alg:hex"; throws OciError DIGEST_INVALID (detail { digest }) otherwise. */
export function parseDigest(value: string): ParsedDigest {
  const parsed = typeof value === 'string' ? tryParse(value) : undefined;
  if (!parsed) throw OciError.of('DIGEST_INVALID', { digest: value });
  return parsed;
}

export function isDigest(value: string): boolean {
  return typeof value === 'string' && tryParse(value) !== undefined;
}

/** Incremental digest of a stream of chunks that also counts the bytes it has seen. */
export class Digester {
  private readonly hash: Hash;
  private count = 0;
  private done = false;

  constructor(readonly algorithm: DigestAlgorithm = 'sha256') {
    this.hash = createHash(algorithm);
  }

  get bytes(): number {
    return this.count;
  }

  update(chunk: Buffer): this {
    this.assertOpen();
    this.hash.update(chunk);
    this.count += chunk.length;
    return this;
  }

  /** "algorithm:hex". Finalizes the digester: it cannot be updated or digested again. */
  digest(): string {
    this.assertOpen();
    this.done = true;
    return `${this.algorithm}:${this.hash.digest('hex')}`;
  }

  private assertOpen(): void {
    // A programming error, not a client's: a plain Error so it renders as 500.
    if (this.done) throw new Error('Digester already finalized');
  }
}

export function digestOf(data: Buffer | string, algorithm: DigestAlgorithm = 'sha256'): string {
  return new Digester(algorithm).update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).digest();
}
