// Metadata reads at high concurrency: manifest GET by tag, HEAD blob, tag list, catalog.
import { catalogRepo } from '../fixtures';
import { expectStatus, header, HttpClient } from '../http';
import { MANIFEST_ACCEPT } from '../oci';
import { runPool } from '../pool';
import { Scenario } from './scenario';

export const manifestGet: Scenario = {
  id: 'manifest-get-by-tag',
  unit: 'req/s',
  title: (scale) => `${scale.manifestGets} manifest GETs by tag, concurrency ${scale.manifestGetConcurrency}`,
  async run(ctx) {
    const { manifestGets: count, manifestGetConcurrency: concurrency } = ctx.scale;
    const { repo, tag, manifest } = ctx.fixtures.pull;
    const http = ctx.client(concurrency).http;
    const path = `/v2/${repo}/manifests/${tag}`;
    await runPool(count, concurrency, async () => {
      const reply = expectStatus(await http.request(path, { headers: { accept: MANIFEST_ACCEPT } }), 'GET', path, 200);
      if (reply.body.length !== manifest.length) throw new Error(`GET ${path}: ${reply.body.length} bytes, expected ${manifest.length}`);
    });
    return count;
  },
};

export const headBlob: Scenario = {
  id: 'blob-head',
  unit: 'req/s',
  title: (scale) => `${scale.headRequests} blob HEADs, concurrency ${scale.headConcurrency}`,
  async run(ctx) {
    const { headRequests: count, headConcurrency: concurrency } = ctx.scale;
    const { repo, config, layers } = ctx.fixtures.pull;
    const blobs = [config, ...layers];
    const http = ctx.client(concurrency).http;
    await runPool(count, concurrency, async (i) => {
      const blob = blobs[i % blobs.length];
      const path = `/v2/${repo}/blobs/${blob.digest}`;
      const reply = expectStatus(await http.request(path, { method: 'HEAD' }), 'HEAD', path, 200);
      if (Number(header(reply, 'content-length')) !== blob.size) throw new Error(`HEAD ${path}: wrong Content-Length`);
    });
    return count;
  },
};

/** The target of a `Link: <url>; rel="next"` header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  return link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
}

/** GETs a paginated listing, following Link headers; returns all the entries of `field`. */
async function listAll(http: HttpClient, first: string, field: 'tags' | 'repositories'): Promise<string[]> {
  const entries: string[] = [];
  const MAX_PAGES = 1000;
  let path: string | undefined = first;
  for (let page = 0; path && page < MAX_PAGES; page++) {
    const reply = expectStatus(await http.request(path), 'GET', path, 200);
    const body = JSON.parse(reply.body.toString('utf8')) as Record<string, string[] | null>;
    entries.push(...(body[field] ?? []));
    path = nextLink(header(reply, 'link'));
  }
  return entries;
}

export const tagList: Scenario = {
  id: 'tag-list',
  unit: 'lists/s',
  title: (scale) => `tag list of ${scale.tagCount} tags x${scale.tagListRepeats}, concurrency ${scale.tagListConcurrency}`,
  async run(ctx) {
    const { tagCount, tagListRepeats: count, tagListConcurrency: concurrency } = ctx.scale;
    const http = ctx.client(concurrency).http;
    await runPool(count, concurrency, async () => {
      const tags = await listAll(http, `/v2/${ctx.fixtures.tagsRepo}/tags/list`, 'tags');
      if (tags.length !== tagCount) throw new Error(`tag list: ${tags.length} tags, expected ${tagCount}`);
    });
    return count;
  },
};

export const catalog: Scenario = {
  id: 'catalog',
  unit: 'lists/s',
  title: (scale) => `catalog of ${scale.catalogRepos}+ repositories (n=${scale.catalogPageSize}) x${scale.catalogRepeats}`,
  async run(ctx) {
    const { catalogRepos, catalogRepeats: count, catalogConcurrency: concurrency, catalogPageSize } = ctx.scale;
    const http = ctx.client(concurrency).http;
    await runPool(count, concurrency, async () => {
      const repos = new Set(await listAll(http, `/v2/_catalog?n=${catalogPageSize}`, 'repositories'));
      if (!repos.has(catalogRepo(0)) || !repos.has(catalogRepo(catalogRepos - 1)) || repos.size < catalogRepos) {
        throw new Error(`catalog: ${repos.size} repositories, expected at least ${catalogRepos} including the fixtures`);
      }
    });
    return count;
  },
};
