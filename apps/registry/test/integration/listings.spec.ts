import { digestOf, OCI_EMPTY, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST } from '@harbor-ts/oci';
import { call, makeImage, pushBlob, pushImage } from '../support/http-client';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

let reg: TestRegistry;
beforeAll(async () => {
  reg = await startTestRegistry();
});
afterAll(() => reg.stop());

describe('tags list', () => {
  beforeAll(async () => {
    const image = makeImage('tags');
    await pushImage(reg.url, 'tagged', 'c', image);
    for (const tag of ['a', 'b', 'd', 'e']) {
      await call(`${reg.url}/v2/tagged/manifests/${tag}`, { method: 'PUT', body: image.manifest, headers: { 'content-type': OCI_IMAGE_MANIFEST } });
    }
  });

  it('lists sorted tags', async () => {
    expect((await call(`${reg.url}/v2/tagged/tags/list`)).json()).toEqual({ name: 'tagged', tags: ['a', 'b', 'c', 'd', 'e'] });
  });

  it('paginates with n and last, with a Link header to the next page', async () => {
    const first = await call(`${reg.url}/v2/tagged/tags/list?n=2`);
    expect(first.json()).toEqual({ name: 'tagged', tags: ['a', 'b'] });
    expect(first.headers.get('link')).toBe('</v2/tagged/tags/list?n=2&last=b>; rel="next"');
    const second = await call(`${reg.url}/v2/tagged/tags/list?n=2&last=b`);
    expect(second.json()).toEqual({ name: 'tagged', tags: ['c', 'd'] });
    const last = await call(`${reg.url}/v2/tagged/tags/list?n=2&last=d`);
    expect(last.json()).toEqual({ name: 'tagged', tags: ['e'] });
    expect(last.headers.get('link')).toBeNull();
  });

  it('NAME_UNKNOWN for a repository that does not exist; PAGINATION_NUMBER_INVALID for a bad n', async () => {
    const res = await call(`${reg.url}/v2/never/pushed/tags/list`);
    expect([res.status, res.code()]).toEqual([404, 'NAME_UNKNOWN']);
    expect((await call(`${reg.url}/v2/tagged/tags/list?n=-1`)).code()).toBe('PAGINATION_NUMBER_INVALID');
  });
});

describe('catalog', () => {
  it('lists repositories sorted with n/last pagination', async () => {
    const fresh = await startTestRegistry();
    try {
      for (const name of ['zeta', 'alpha/one', 'alpha/two', 'beta']) await pushBlob(fresh.url, name, Buffer.from(name));
      expect((await call(`${fresh.url}/v2/_catalog`)).json()).toEqual({ repositories: ['alpha/one', 'alpha/two', 'beta', 'zeta'] });
      const page = await call(`${fresh.url}/v2/_catalog?n=3`);
      expect(page.json()).toEqual({ repositories: ['alpha/one', 'alpha/two', 'beta'] });
      expect(page.headers.get('link')).toBe('</v2/_catalog?n=3&last=beta>; rel="next"');
      expect((await call(`${fresh.url}/v2/_catalog?n=3&last=beta`)).json()).toEqual({ repositories: ['zeta'] });
    } finally {
      await fresh.stop();
    }
  });
});

describe('referrers', () => {
  it('lists manifests whose subject is the digest, filters by artifactType, answers OCI-Subject', async () => {
    const subject = makeImage('subject');
    await pushImage(reg.url, 'refs', 'v1', subject);
    await pushBlob(reg.url, 'refs', Buffer.from('{}'));
    const referrer = (type: string, seed: string) => {
      const layer = Buffer.from(seed);
      return {
        layer,
        body: Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: OCI_IMAGE_MANIFEST,
            artifactType: type,
            config: { mediaType: OCI_EMPTY, digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 },
            layers: [{ mediaType: 'application/octet-stream', digest: digestOf(layer), size: layer.length }],
            subject: { mediaType: OCI_IMAGE_MANIFEST, digest: subject.digest, size: subject.manifest.length },
          }),
        ),
      };
    };
    const sig = referrer('application/vnd.example.signature', 'sig');
    const sbom = referrer('application/vnd.example.sbom', 'sbom');
    const digests: string[] = [];
    for (const r of [sig, sbom]) {
      await pushBlob(reg.url, 'refs', r.layer);
      const digest = digestOf(r.body);
      const res = await call(`${reg.url}/v2/refs/manifests/${digest}`, { method: 'PUT', body: r.body, headers: { 'content-type': OCI_IMAGE_MANIFEST } });
      expect(res.status).toBe(201);
      expect(res.headers.get('oci-subject')).toBe(subject.digest);
      digests.push(digest);
    }
    const all = await call(`${reg.url}/v2/refs/referrers/${subject.digest}`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe(OCI_IMAGE_INDEX);
    const index = all.json<{ mediaType: string; manifests: { digest: string; artifactType: string }[] }>();
    expect(index.mediaType).toBe(OCI_IMAGE_INDEX);
    expect(index.manifests.map((m) => m.digest).sort()).toEqual([...digests].sort());
    const filtered = await call(`${reg.url}/v2/refs/referrers/${subject.digest}?artifactType=application/vnd.example.sbom`);
    expect(filtered.headers.get('oci-filters-applied')).toBe('artifactType');
    expect(filtered.json<{ manifests: { digest: string }[] }>().manifests.map((m) => m.digest)).toEqual([digests[1]]);
    const none = await call(`${reg.url}/v2/refs/referrers/${digests[0]}`);
    expect(none.json<{ manifests: unknown[] }>().manifests).toEqual([]);
  });
});
