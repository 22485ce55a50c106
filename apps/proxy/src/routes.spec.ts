import { isV2Path, normalisedPath, routeRequest } from './routes';

describe('normalisedPath', () => {
  it.each([
    ['/', '/'],
    ['/v2', '/v2'],
    ['/v2/', '/v2/'],
    ['//v2//x/./y/../z/', '/v2/x/z/'],
    ['/service/%6Eotifications', '/service/notifications'],
    ['/a%2Fb', '/a/b'],
    ['/../../etc', '/etc'],
    ['/v2/..', '/'],
  ])('%s -> %s', (raw, expected) => expect(normalisedPath(raw)).toBe(expected));

  it.each(['/%zz', '/%E2%82', 'http://host/v2/', '*'])('refuses %s', (raw) => expect(normalisedPath(raw)).toBeUndefined());
});

describe('routeRequest', () => {
  const blob = '/v2/a/blobs/sha256:00';
  it('sends only bearer GET and HEAD of blobs, and bearer upload chunks, to the registry', () => {
    expect(routeRequest('PATCH', '/v2/a/blobs/uploads/u-1', { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'registry' });
    expect(routeRequest('PUT', '/v2/a/blobs/uploads/u-1?digest=sha256:00', { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'core' });
    expect(routeRequest('POST', '/v2/a/blobs/uploads/', { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'core' });
    expect(routeRequest('GET', blob, { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'registry' });
    expect(routeRequest('GET', `${blob}?ns=docker.io`, { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'registry' });
    expect(routeRequest('PUT', blob, { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'core' });
    expect(routeRequest('GET', '/v2/a/blobs/uploads', { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'core' });
    expect(routeRequest('GET', '/v2/x/../a/blobs/sha256:00', { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'core' });
    expect(routeRequest('GET', '/v2/a%2Fb/blobs/sha256:00', { authorization: 'Bearer x' }, false)).toEqual({ upstream: 'core' });
  });

  it('blocks the notification hook under any spelling', () => {
    for (const url of ['/service/notifications', '/service/notifications?x', '/x/../service/notifications/']) {
      expect(routeRequest('POST', url, {}, true)).toEqual({ refuse: 'notFound' });
    }
  });
});

describe('isV2Path', () => {
  it.each([
    ['/v2/', true],
    ['/v2?x', true],
    ['/v2/../api/x', false],
    ['/v20/x', false],
  ])('%s -> %s', (url, expected) => expect(isV2Path(url)).toBe(expected));
});
