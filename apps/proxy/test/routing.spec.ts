import { firstError, send } from './support/client';
import { startProxy, type RunningProxy } from './support/proxy';
import { startUpstream, type TestUpstream } from './support/upstream';

// The routing table of Harbor's nginx, checked through real HTTP: each upstream answers with
// its own name, so the test sees where the proxy sent a request.
let core: TestUpstream, registry: TestUpstream, portal: TestUpstream;
let withPortal: RunningProxy, withoutPortal: RunningProxy;

beforeAll(async () => {
  [core, registry, portal] = await Promise.all([startUpstream('core'), startUpstream('registry'), startUpstream('portal')]);
  withPortal = await startProxy({ upstreams: { core: core.url, registry: registry.url, portal: portal.url } });
  withoutPortal = await startProxy({ upstreams: { core: core.url, registry: registry.url } });
});
afterAll(async () => {
  await Promise.all([withPortal.stop(), withoutPortal.stop()]);
  await Promise.all([core.close(), registry.close(), portal.close()]);
});

const BLOB = '/v2/library/app/blobs/sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const BEARER = { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln' };

describe('routing', () => {
  it.each([
    ['GET', '/v2/', {}, 'core'],
    ['GET', '/v2', {}, 'core'],
    ['GET', '/v2/library/app/tags/list', BEARER, 'core'],
    ['GET', '/service/token?service=harbor-registry&scope=repository:library/app:pull', {}, 'core'],
    ['GET', '/api/v2.0/projects', {}, 'core'],
    ['POST', '/c/login', {}, 'core'],
    ['GET', '/', {}, 'portal'],
    ['GET', '/harbor/projects', {}, 'portal'],
    ['GET', '/apix', {}, 'portal'],
  ])('%s %s goes to %s', async (method, path, headers, expected) => {
    const reply = await send(withPortal.base, path, { method, headers });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-upstream']).toBe(expected);
  });

  it.each([
    ['GET', BLOB, BEARER, 'registry'],
    ['HEAD', BLOB, BEARER, 'registry'],
    ['GET', BLOB.replace('/library/app/', '/a/b/c/'), { authorization: 'bearer abc' }, 'registry'],
    ['GET', BLOB, {}, 'core'],
    ['GET', BLOB, { authorization: 'Basic YWRtaW46SGFyYm9yMTIzNDU=' }, 'core'],
    ['GET', BLOB, { authorization: 'Bearer ' }, 'core'],
    ['DELETE', BLOB, BEARER, 'core'],
    ['POST', '/v2/library/app/blobs/uploads/', BEARER, 'core'],
    ['PATCH', '/v2/library/app/blobs/uploads/3f2c6a4e-uuid', BEARER, 'registry'],
    ['PATCH', '/v2/library/app/blobs/uploads/3f2c6a4e-uuid', {}, 'core'],
    ['PUT', '/v2/library/app/blobs/uploads/3f2c6a4e-uuid?digest=sha256:00', BEARER, 'core'],
    ['GET', '/v2/library/app/blobs/uploads/3f2c6a4e-uuid', BEARER, 'core'],
    ['GET', '/v2/library/app/manifests/latest', BEARER, 'core'],
    ['HEAD', '/v2/library/app/manifests/sha256:0123', BEARER, 'core'],
  ])('fast path: %s %s with %j goes to %s', async (method, path, headers, expected) => {
    const reply = await send(withPortal.base, path, { method, headers });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-upstream']).toBe(expected);
  });

  it.each(['/service/notifications', '/service/notifications/events', '/service/%6Eotifications', '/service//notifications', '/c/../service/notifications'])(
    'blocks %s with 404 and never forwards it',
    async (path) => {
      const before = core.received.length;
      const reply = await send(withPortal.base, path, { method: 'POST', body: '{}' });
      expect(reply.status).toBe(404);
      expect(firstError(reply)).toEqual({ code: 'NOT_FOUND', message: 'not found' });
      expect(reply.headers['x-request-id']).toBeTruthy();
      expect(core.received.length).toBe(before);
    },
  );

  it('answers 404 with Harbor error body for everything else when no portal is configured', async () => {
    const reply = await send(withoutPortal.base, '/harbor/projects');
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(firstError(reply)).toEqual({ code: 'NOT_FOUND', message: 'not found' });
    expect((await send(withoutPortal.base, '/api/v2.0/ping')).headers['x-upstream']).toBe('core');
  });

  it('refuses an undecodable path with 400 instead of guessing where it goes', async () => {
    const reply = await send(withPortal.base, '/service/%zz');
    expect(reply.status).toBe(400);
    expect(firstError(reply).code).toBe('BAD_REQUEST');
  });

  it('answers HEAD of a refused path without a body', async () => {
    const reply = await send(withoutPortal.base, '/nothing', { method: 'HEAD' });
    expect(reply.status).toBe(404);
    expect(reply.body.length).toBe(0);
  });
});
