import { nextLink, OCI_IMAGE_INDEX, OciError, pageRequest, parseDigest, referrersIndex } from '@harbor-ts/oci';
import type { MethodTable } from '../context';
import { repositoryOf } from './names';

/** Without `n` the whole list comes back, as distribution does for tags (the catalog is capped). */
const ALL = Number.MAX_SAFE_INTEGER;
const CATALOG_DEFAULT_PAGE = 1000;

export const tagsHandlers: MethodTable<'tags'> = {
  GET: async ({ ctx, route, req, res }) => {
    const repo = repositoryOf(ctx, route.name);
    const { limit, last } = pageRequest(req.query, ALL);
    if (!(await repo.exists())) throw OciError.of('NAME_UNKNOWN', { name: route.name });
    const all = await repo.tags.list();
    const after = last === undefined ? all : all.filter((t) => t > last);
    const tags = after.slice(0, limit);
    if (after.length > limit && tags.length > 0) {
      res.setHeader('Link', nextLink(`/v2/${repo.name}/tags/list`, limit, tags[tags.length - 1]));
    }
    res.json({ name: repo.name, tags });
  },
};

export const catalogHandlers: MethodTable<'catalog'> = {
  GET: async ({ ctx, req, res }) => {
    const { limit, last } = pageRequest(req.query, CATALOG_DEFAULT_PAGE);
    const page = await ctx.store.catalog(limit, last);
    if (page.more && page.names.length > 0) {
      res.setHeader('Link', nextLink('/v2/_catalog', limit, page.names[page.names.length - 1]));
    }
    res.json({ repositories: page.names });
  },
};

/** "GET /v2/<name>/referrers/<digest>": an image index of the manifests whose subject is <digest>. */
export const referrersHandlers: MethodTable<'referrers'> = {
  GET: async ({ ctx, route, req, res }) => {
    const repo = repositoryOf(ctx, route.name);
    // "the registry MUST NOT return a 404 Not Found to a referrers API request": a repository
    // with nothing in it simply has no referrers (clients read a 404 as "API unsupported").
    const { digest } = parseDigest(route.digest);
    const artifactType = typeof req.query.artifactType === 'string' ? req.query.artifactType : undefined;
    const descriptors = await repo.referrers.list(digest, artifactType);
    // "If the registry applies filtering ... it MUST include OCI-Filters-Applied: artifactType."
    if (artifactType) res.setHeader('OCI-Filters-Applied', 'artifactType');
    res.setHeader('Content-Type', OCI_IMAGE_INDEX);
    res.end(Buffer.from(JSON.stringify(referrersIndex(descriptors))));
  },
};
