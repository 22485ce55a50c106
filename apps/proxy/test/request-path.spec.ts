import { send } from './support/client';
import { startProxy, type RunningProxy } from './support/proxy';
import { startUpstream, type TestUpstream } from './support/upstream';

// The upstream sees the request-target exactly as the client sent it: no decoding of %2F, no
// merging of slashes, no dot-segment removal, query untouched. (Routing decisions use a
// normalised copy; see routes.ts.)
let core: TestUpstream, proxy: RunningProxy;

beforeAll(async () => {
  core = await startUpstream('core', (req, res) => req.pipe(res)); // echoes the body
  proxy = await startProxy({ upstreams: { core: core.url, registry: core.url } });
});
afterAll(async () => {
  await proxy.stop();
  await core.close();
});

const last = () => core.received[core.received.length - 1];

describe('request path', () => {
  it.each([
    '/v2/library%2Fhello/manifests/latest?n=1&last=a%2Fb',
    '/api/v2.0/projects/a%2Fb/repositories/c%252Fd/artifacts?q=name%3D~x&page=1',
    '/api//double//slashes/./dot/../x?%20=%2F',
    '/v2/%E2%82%ACuro/tags/list?last=%E2%82%AC',
  ])('reaches the upstream byte for byte: %s', async (path) => {
    await send(proxy.base, path);
    expect(last().url).toBe(path);
  });

  it('is kept for a PUT sent with Expect: 100-continue, and the body arrives', async () => {
    const path = '/api//expect/%2F/./x?y=%2F';
    const reply = await send(proxy.base, path, { method: 'PUT', headers: { expect: '100-continue' }, body: 'payload' });
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe('payload');
    expect(last().url).toBe(path);
    expect(last().headers.expect).toBeUndefined();
  });
});
