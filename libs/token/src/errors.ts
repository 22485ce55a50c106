/** Why a token was refused; callers map all of them to 401 with error="invalid_token". */
export type TokenErrorReason =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not_yet_valid'
  | 'claims';

export class TokenError extends Error {
  readonly reason: TokenErrorReason;

  constructor(reason: TokenErrorReason, message: string) {
    super(message);
    this.name = 'TokenError';
    this.reason = reason;
  }
}
