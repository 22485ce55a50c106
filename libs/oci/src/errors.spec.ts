import { isOciError, OCI_ERRORS, OciError, type OciErrorCode, ociWireCode, renderOciError } from './errors';

const TABLE: [OciErrorCode, number, string][] = [
  ['BLOB_UNKNOWN', 404, 'blob unknown to registry'],
  ['BLOB_UPLOAD_INVALID', 400, 'blob upload invalid'],
  ['BLOB_UPLOAD_UNKNOWN', 404, 'blob upload unknown to registry'],
  ['DIGEST_INVALID', 400, 'provided digest did not match uploaded content'],
  ['MANIFEST_BLOB_UNKNOWN', 404, 'manifest references a manifest or blob unknown to registry'],
  ['MANIFEST_INVALID', 400, 'manifest invalid'],
  ['MANIFEST_UNKNOWN', 404, 'manifest unknown to registry'],
  ['NAME_INVALID', 400, 'invalid repository name'],
  ['NAME_UNKNOWN', 404, 'repository name not known to registry'],
  ['SIZE_INVALID', 400, 'provided length did not match content length'],
  ['UNAUTHORIZED', 401, 'authentication required'],
  ['DENIED', 403, 'requested access to the resource is denied'],
  ['PRECONDITION', 412, 'precondition failed'],
  ['UNSUPPORTED', 405, 'the operation is unsupported'],
  ['TOO_MANY_REQUESTS', 429, 'too many requests'],
  ['RANGE_INVALID', 416, 'invalid content range'],
  ['PAGINATION_NUMBER_INVALID', 400, 'invalid number of results requested'],
  ['UNKNOWN', 500, 'unknown error'],
];

describe('OCI_ERRORS', () => {
  it('lists exactly the codes of the table', () => {
    expect(Object.keys(OCI_ERRORS).sort()).toEqual(TABLE.map(([code]) => code).sort());
  });

  it('is frozen', () => {
    expect(Object.isFrozen(OCI_ERRORS)).toBe(true);
  });

  it.each(TABLE)('%s is %i "%s"', (code, status, message) => {
    expect(OCI_ERRORS[code]).toEqual({ status, message });
  });
});

describe('OciError', () => {
  it.each(TABLE)('of(%s) takes status %i and the table message', (code, status, message) => {
    const err = OciError.of(code);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code, status, message, name: 'OciError', detail: undefined });
  });

  it('keeps a detail and an overriding message', () => {
    const err = OciError.of('MANIFEST_INVALID', { field: 'layers' }, 'custom words');
    expect(err).toMatchObject({ code: 'MANIFEST_INVALID', status: 400, message: 'custom words', detail: { field: 'layers' } });
  });
});

describe('isOciError', () => {
  it.each([
    [OciError.of('DENIED'), true],
    [new Error('DENIED'), false],
    [{ code: 'DENIED', status: 403, message: 'x' }, false],
    [undefined, false],
    ['DENIED', false],
  ])('%p -> %p', (value, expected) => {
    expect(isOciError(value)).toBe(expected);
  });
});

describe('renderOciError', () => {
  it.each(TABLE.filter(([code]) => code !== 'TOO_MANY_REQUESTS'))(
    'renders %s as %i with its envelope',
    (code, status, message) => {
      expect(ociWireCode(code)).toBe(code);
      expect(renderOciError(OciError.of(code))).toEqual({ status, body: { errors: [{ code, message }] } });
    },
  );

  it('renders TOO_MANY_REQUESTS with the spec spelling TOOMANYREQUESTS', () => {
    expect(ociWireCode('TOO_MANY_REQUESTS')).toBe('TOOMANYREQUESTS');
    expect(renderOciError(OciError.of('TOO_MANY_REQUESTS'))).toEqual({
      status: 429,
      body: { errors: [{ code: 'TOOMANYREQUESTS', message: 'too many requests' }] },
    });
  });

  it('omits an absent detail instead of writing undefined', () => {
    const { body } = renderOciError(OciError.of('BLOB_UNKNOWN'));
    expect(Object.keys(body.errors[0])).toEqual(['code', 'message']);
  });

  it('includes a detail and a custom message', () => {
    const err = OciError.of('DIGEST_INVALID', { digest: 'sha256:zz' }, 'digest mismatch');
    expect(renderOciError(err)).toEqual({
      status: 400,
      body: { errors: [{ code: 'DIGEST_INVALID', message: 'digest mismatch', detail: { digest: 'sha256:zz' } }] },
    });
  });

  const internal = { status: 500, body: { errors: [{ code: 'UNKNOWN', message: 'internal server error' }] } };

  it.each([
    ['a plain Error', new Error('ENOENT: /var/lib/registry/secret')],
    ['a TypeError', new TypeError('cannot read x of undefined')],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['an error-shaped object', { code: 'DENIED', status: 403, message: 'x', detail: 'leak' }],
  ])('renders %s as 500 UNKNOWN without leaking it', (_label, err) => {
    expect(renderOciError(err)).toEqual(internal);
    expect(JSON.stringify(renderOciError(err))).not.toMatch(/ENOENT|undefined|leak|boom/);
  });
});
