// Harbor's REST error body: {"errors":[{"code":"NOT_FOUND","message":"..."}]}. Each code has one
// status (src/lib/errors/const.go); services throw HarborError and the filter renders it.

export const HARBOR_ERROR_STATUS = {
  BAD_REQUEST: 400,
  DIGEST_INVALID: 400,
  MANIFEST_INVALID: 400,
  UNSUPPORTED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION: 412,
  PROJECTPOLICYVIOLATION: 412,
  VIOLATE_FOREIGN_KEY_CONSTRAINT: 412,
  REQUEST_ENTITY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_ENTITY: 422,
  TOO_MANY_REQUEST: 429,
  UNKNOWN: 500,
} as const;

export type HarborErrorCode = keyof typeof HARBOR_ERROR_STATUS;

export class HarborError extends Error {
  readonly status: number;
  constructor(readonly code: HarborErrorCode, message: string) {
    super(message);
    this.status = HARBOR_ERROR_STATUS[code];
  }

  static badRequest(message: string): HarborError {
    return new HarborError('BAD_REQUEST', message);
  }
  static unauthorized(message = 'unauthorized'): HarborError {
    return new HarborError('UNAUTHORIZED', message);
  }
  static forbidden(message = 'forbidden'): HarborError {
    return new HarborError('FORBIDDEN', message);
  }
  static notFound(message: string): HarborError {
    return new HarborError('NOT_FOUND', message);
  }
  static conflict(message: string): HarborError {
    return new HarborError('CONFLICT', message);
  }
  static precondition(message: string): HarborError {
    return new HarborError('PRECONDITION', message);
  }
}

export function harborErrorBody(code: string, message: string): { errors: { code: string; message: string }[] } {
  return { errors: [{ code, message }] };
}
