import { parseV2Route, type V2Route } from './v2-routes';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseV2Route', () => {
  it.each<[string, V2Route]>([
    ['', { kind: 'base' }],
    ['/', { kind: 'base' }],
    ['/_catalog', { kind: 'catalog' }],
    ['/library/ubuntu/tags/list', { kind: 'tags', name: 'library/ubuntu' }],
    ['/a/manifests/latest', { kind: 'manifest', name: 'a', reference: 'latest' }],
    [`/a/b/manifests/${DIGEST}`, { kind: 'manifest', name: 'a/b', reference: DIGEST }],
    [`/a/blobs/${DIGEST}`, { kind: 'blob', name: 'a', digest: DIGEST }],
    ['/a/blobs/uploads/', { kind: 'uploads', name: 'a' }],
    ['/a/blobs/uploads', { kind: 'uploads', name: 'a' }],
    ['/a/blobs/uploads/0f9c-uuid', { kind: 'upload', name: 'a', uuid: '0f9c-uuid' }],
    [`/a/referrers/${DIGEST}`, { kind: 'referrers', name: 'a', digest: DIGEST }],
    // Names whose segments look like route keywords: the suffix decides.
    ['/blobs/tags/list', { kind: 'tags', name: 'blobs' }],
    ['/x/blobs/y/manifests/tags/list', { kind: 'tags', name: 'x/blobs/y/manifests' }],
    ['/manifests/manifests/manifests', { kind: 'manifest', name: 'manifests', reference: 'manifests' }],
    [`/a/blobs/blobs/${DIGEST}`, { kind: 'blob', name: 'a/blobs', digest: DIGEST }],
    ['/blobs/blobs/uploads/', { kind: 'uploads', name: 'blobs' }],
    ['/uploads/blobs/uploads/blobs/uploads/id', { kind: 'upload', name: 'uploads/blobs/uploads', uuid: 'id' }],
    ['/a/tags/list/manifests/v1', { kind: 'manifest', name: 'a/tags/list', reference: 'v1' }],
    [`/a/referrers/referrers/${DIGEST}`, { kind: 'referrers', name: 'a/referrers', digest: DIGEST }],
    // Raw and unvalidated: the caller answers NAME_INVALID or MANIFEST_UNKNOWN.
    ['/Upper/manifests/latest', { kind: 'manifest', name: 'Upper', reference: 'latest' }],
    ['/%2e%2e/manifests/latest', { kind: 'manifest', name: '%2e%2e', reference: 'latest' }],
    ['/../manifests/latest', { kind: 'manifest', name: '..', reference: 'latest' }],
    ['//a/manifests/latest', { kind: 'manifest', name: '/a', reference: 'latest' }],
    ['/a/manifests/%20', { kind: 'manifest', name: 'a', reference: '%20' }],
    ['/a/blobs/not-a-digest', { kind: 'blob', name: 'a', digest: 'not-a-digest' }],
  ])('%p', (path, route) => {
    expect(parseV2Route(path)).toEqual(route);
  });

  it.each([
    'v2',
    '_catalog',
    '//',
    '/_catalog/',
    '/a',
    '/a/b',
    '/tags/list',
    '/manifests/latest',
    '/blobs/uploads/',
    '/a/tags',
    '/a/tags/list/',
    '/a/tags/other',
    '/a/manifests',
    '/a/manifests/',
    '/a/manifests/latest/',
    '/a/blobs/',
    `/a/blobs/${DIGEST}/`,
    '/a/blobs/uploads/id/',
    '/a/blobs/uploads/id/extra',
    '/a/referrers/',
  ])('does not match %p', (path) => {
    expect(parseV2Route(path)).toBeUndefined();
  });
});
