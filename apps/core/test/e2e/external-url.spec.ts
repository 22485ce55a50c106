import { ADMIN } from '../support/test-stack';
import { basicAuth } from '../support/api-client';
import { type ProxiedStack, startProxiedStack } from '../support/proxied-stack';

// Behind another TLS-terminating proxy, external_url makes every URL the stack generates point
// at the public address, whatever Host the request arrived with.

let stack: ProxiedStack;
const PUBLIC = 'https://harbor.example.com';

beforeAll(async () => {
  stack = await startProxiedStack({ publicUrl: PUBLIC });
});
afterAll(() => stack.stop());

describe('external_url', () => {
  it('puts the public address in the token realm', async () => {
    const res = await fetch(`http://${stack.httpHost}/v2/`);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="${PUBLIC}/service/token",service="harbor-registry"`);
  });

  it('puts the public address in upload Location headers', async () => {
    const res = await fetch(`http://${stack.httpHost}/v2/library/app/blobs/uploads/`, { method: 'POST', headers: { authorization: basicAuth(ADMIN) } });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${PUBLIC}/v2/library/app/blobs/uploads/[0-9a-f-]+`));
  });

  it('answers a project create with Harbor\'s relative Location, valid at any address', async () => {
    const res = await fetch(`http://${stack.httpHost}/api/v2.0/projects`, {
      method: 'POST',
      headers: { authorization: basicAuth(ADMIN), 'content-type': 'application/json' },
      body: JSON.stringify({ project_name: 'extproj' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(/\/api\/v2\.0\/projects\/\d+$/);
  });
});
