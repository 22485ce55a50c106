import { parseDigest } from '@harbor-ts/oci';

/**
 * The on-disk layout, built here and nowhere else. It is distribution's, so a storage root
 * written by docker-registry can be served by us and the other way round:
 *
 *   /docker/registry/v2/blobs/<alg>/<hex[0:2]>/<hex>/data                 blob content (layers, configs, manifests)
 *   /docker/registry/v2/repositories/<name>/_layers/<alg>/<hex>/link       blob linked into a repository
 *   /docker/registry/v2/repositories/<name>/_manifests/revisions/<alg>/<hex>/link
 *   /docker/registry/v2/repositories/<name>/_manifests/tags/<tag>/current/link
 *   /docker/registry/v2/repositories/<name>/_manifests/tags/<tag>/index/<alg>/<hex>/link
 *   /docker/registry/v2/repositories/<name>/_uploads/<id>/{data,startedat}
 *
 * and one addition of ours for the referrers API (distribution 2.8 has none):
 *
 *   /docker/registry/v2/repositories/<name>/_referrers/<alg>/<subject hex>/<alg>/<hex>/link
 *     (the link file holds the referrer's descriptor as JSON, so listing reads no manifests)
 *
 * Names, tags, digests and upload ids are validated by the caller before they get here.
 */
export const ROOT = '/docker/registry/v2';
export const REPOSITORIES = `${ROOT}/repositories`;

function digestPath(digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return `${algorithm}/${hex}`;
}

export const layout = {
  blobData(digest: string): string {
    const { algorithm, hex } = parseDigest(digest);
    return `${ROOT}/blobs/${algorithm}/${hex.slice(0, 2)}/${hex}/data`;
  },
  repository(name: string): string {
    return `${REPOSITORIES}/${name}`;
  },
  layerDir(name: string, digest: string): string {
    return `${REPOSITORIES}/${name}/_layers/${digestPath(digest)}`;
  },
  layerLink(name: string, digest: string): string {
    return `${layout.layerDir(name, digest)}/link`;
  },
  revisions(name: string): string {
    return `${REPOSITORIES}/${name}/_manifests/revisions`;
  },
  revisionDir(name: string, digest: string): string {
    return `${REPOSITORIES}/${name}/_manifests/revisions/${digestPath(digest)}`;
  },
  revisionLink(name: string, digest: string): string {
    return `${layout.revisionDir(name, digest)}/link`;
  },
  tags(name: string): string {
    return `${REPOSITORIES}/${name}/_manifests/tags`;
  },
  tag(name: string, tag: string): string {
    return `${REPOSITORIES}/${name}/_manifests/tags/${tag}`;
  },
  tagCurrentLink(name: string, tag: string): string {
    return `${REPOSITORIES}/${name}/_manifests/tags/${tag}/current/link`;
  },
  tagIndexLink(name: string, tag: string, digest: string): string {
    return `${REPOSITORIES}/${name}/_manifests/tags/${tag}/index/${digestPath(digest)}/link`;
  },
  uploads(name: string): string {
    return `${REPOSITORIES}/${name}/_uploads`;
  },
  upload(name: string, id: string): string {
    return `${REPOSITORIES}/${name}/_uploads/${id}`;
  },
  uploadData(name: string, id: string): string {
    return `${REPOSITORIES}/${name}/_uploads/${id}/data`;
  },
  uploadStartedAt(name: string, id: string): string {
    return `${REPOSITORIES}/${name}/_uploads/${id}/startedat`;
  },
  referrers(name: string, subject: string): string {
    return `${REPOSITORIES}/${name}/_referrers/${digestPath(subject)}`;
  },
  referrerDir(name: string, subject: string, digest: string): string {
    return `${REPOSITORIES}/${name}/_referrers/${digestPath(subject)}/${digestPath(digest)}`;
  },
  referrerLink(name: string, subject: string, digest: string): string {
    return `${layout.referrerDir(name, subject, digest)}/link`;
  },
} as const;
