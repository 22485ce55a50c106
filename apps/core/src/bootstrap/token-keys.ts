export { ensureTokenKeys, type TokenKeys } from '@harbor-ts/token';

/** The key pair as an injectable value (a class, so Nest can inject it by type). */
export class TokenKeyPair {
  constructor(readonly privateKeyPem: string, readonly publicKeyPem: string) {}
}
