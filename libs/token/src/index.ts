// @harbor-ts/token: the Docker registry token protocol (scopes, RS256 JWTs, challenges).
export { type RegistryTokenClaims, grants } from './claims';
export { TokenError, type TokenErrorReason } from './errors';
export { type Challenge, basicCredentials, bearerToken, challengeHeader } from './http';
export { ensureTokenKeys, type TokenKeys } from './key-files';
export { libtrustKeyId, loadPublicKey } from './keys';
export { type MintOptions, mintRegistryToken } from './mint';
export { type AccessEntry, formatScope, parseScope, parseScopeEntry } from './scope';
export { type VerifyOptions, verifyRegistryToken } from './verify';
