// The error codes of the OCI distribution spec, each with its HTTP status, in one table.
// Handlers throw OciError; renderOciError is the only place that turns an error into a response.

export type OciErrorCode =
  | 'BLOB_UNKNOWN'
  | 'BLOB_UPLOAD_INVALID'
  | 'BLOB_UPLOAD_UNKNOWN'
  | 'DIGEST_INVALID'
  | 'MANIFEST_BLOB_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'NAME_INVALID'
  | 'NAME_UNKNOWN'
  | 'SIZE_INVALID'
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'PRECONDITION'
  | 'UNSUPPORTED'
  | 'TOO_MANY_REQUESTS'
  | 'RANGE_INVALID'
  | 'PAGINATION_NUMBER_INVALID'
  | 'UNKNOWN';

// Messages follow the spec's "Error Codes" table (RANGE_INVALID and PAGINATION_NUMBER_INVALID
// come from the reference implementation, which the spec does not list).
export const OCI_ERRORS: Readonly<Record<OciErrorCode, { status: number; message: string }>> = Object.freeze({
  BLOB_UNKNOWN: { status: 404, message: 'blob unknown to registry' },
  BLOB_UPLOAD_INVALID: { status: 400, message: 'blob upload invalid' },
  BLOB_UPLOAD_UNKNOWN: { status: 404, message: 'blob upload unknown to registry' },
  DIGEST_INVALID: { status: 400, message: 'provided digest did not match uploaded content' },
  MANIFEST_BLOB_UNKNOWN: { status: 404, message: 'manifest references a manifest or blob unknown to registry' },
  MANIFEST_INVALID: { status: 400, message: 'manifest invalid' },
  MANIFEST_UNKNOWN: { status: 404, message: 'manifest unknown to registry' },
  NAME_INVALID: { status: 400, message: 'invalid repository name' },
  NAME_UNKNOWN: { status: 404, message: 'repository name not known to registry' },
  SIZE_INVALID: { status: 400, message: 'provided length did not match content length' },
  UNAUTHORIZED: { status: 401, message: 'authentication required' },
  DENIED: { status: 403, message: 'requested access to the resource is denied' },
  // Harbor's, not the spec's: a policy (immutable tag, signature, vulnerability) refused it.
  PRECONDITION: { status: 412, message: 'precondition failed' },
  UNSUPPORTED: { status: 405, message: 'the operation is unsupported' },
  TOO_MANY_REQUESTS: { status: 429, message: 'too many requests' },
  RANGE_INVALID: { status: 416, message: 'invalid content range' },
  PAGINATION_NUMBER_INVALID: { status: 400, message: 'invalid number of results requested' },
  UNKNOWN: { status: 500, message: 'unknown error' },
});

// The spec spells one code without underscores on the wire, and clients (docker, containerd)
// match on that spelling to report rate limits.
const WIRE_CODES: Partial<Record<OciErrorCode, string>> = { TOO_MANY_REQUESTS: 'TOOMANYREQUESTS' };

/** The code as written in the error envelope. */
export function ociWireCode(code: OciErrorCode): string {
  return WIRE_CODES[code] ?? code;
}

export class OciError extends Error {
  override readonly name = 'OciError';
  readonly status: number;

  constructor(
    readonly code: OciErrorCode,
    readonly detail?: unknown,
    message: string = OCI_ERRORS[code].message,
  ) {
    super(message);
    this.status = OCI_ERRORS[code].status;
  }

  static of(code: OciErrorCode, detail?: unknown, message?: string): OciError {
    return new OciError(code, detail, message);
  }
}

// "The error response body MUST be a JSON object with an 'errors' field" holding code, message
// and an optional, unstructured detail.
export interface OciErrorBody {
  errors: { code: string; message: string; detail?: unknown }[];
}

export function isOciError(err: unknown): err is OciError {
  return err instanceof OciError;
}

const INTERNAL_MESSAGE = 'internal server error';

export function renderOciError(err: unknown): { status: number; body: OciErrorBody } {
  if (!isOciError(err)) {
    // Anything we did not throw on purpose may carry paths, SQL or stack traces: say nothing.
    return { status: OCI_ERRORS.UNKNOWN.status, body: { errors: [{ code: 'UNKNOWN', message: INTERNAL_MESSAGE }] } };
  }
  const entry: OciErrorBody['errors'][number] = { code: ociWireCode(err.code), message: err.message };
  if (err.detail !== undefined) entry.detail = err.detail;
  return { status: err.status, body: { errors: [entry] } };
}
