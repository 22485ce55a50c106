import { readLimitedBody } from '../../http/body';
import { manifestLocation } from '../../http/urls';
import type { HandlerArgs, MethodTable } from '../context';
import { publishEvent } from '../events';
import { assertDeleteEnabled, referenceOf, repositoryOf } from './names';

async function getManifest(args: HandlerArgs<'manifest'>): Promise<void> {
  const { ctx, route, req, res } = args;
  const repo = repositoryOf(ctx, route.name);
  const reference = referenceOf(route.reference, false);
  const head = req.method === 'HEAD';
  const manifest = head ? await repo.statManifest(reference) : await repo.getManifest(reference);
  res.setHeader('Content-Type', manifest.mediaType);
  res.setHeader('Docker-Content-Digest', manifest.digest);
  res.setHeader('ETag', `"${manifest.digest}"`);
  res.setHeader('Content-Length', manifest.size);
  if (head || !('content' in manifest)) {
    res.end();
    return;
  }
  res.end(manifest.content);
  const tag = reference.kind === 'tag' ? reference.tag : undefined;
  publishEvent(args, 'pull', { mediaType: manifest.mediaType, size: manifest.size, digest: manifest.digest, repository: repo.name, tag });
}

async function putManifest(args: HandlerArgs<'manifest'>): Promise<void> {
  const { ctx, route, req, res } = args;
  const repo = repositoryOf(ctx, route.name);
  const reference = referenceOf(route.reference, true);
  const content = await readLimitedBody(req, ctx.maxManifestBytes);
  const contentType = req.get('content-type');
  const { digest, subject, mediaType } = await repo.putManifest(reference, content, contentType, ctx.maxManifestBytes);
  res.status(201);
  res.setHeader('Location', manifestLocation(req, ctx.publicUrl, repo.name, digest));
  res.setHeader('Docker-Content-Digest', digest);
  // "If the manifest has a subject ... the registry MUST respond with the OCI-Subject header."
  if (subject) res.setHeader('OCI-Subject', subject);
  res.setHeader('Content-Length', 0).end();
  const tag = reference.kind === 'tag' ? reference.tag : undefined;
  publishEvent(args, 'push', { mediaType, size: content.length, digest, repository: repo.name, tag });
}

/** DELETE by digest removes the manifest and its tags; by tag (OCI 1.1) removes only the tag. */
async function deleteManifest(args: HandlerArgs<'manifest'>): Promise<void> {
  const { ctx, route, res } = args;
  assertDeleteEnabled(ctx);
  const repo = repositoryOf(ctx, route.name);
  const reference = referenceOf(route.reference, false);
  if (reference.kind === 'tag') {
    const digest = await repo.tags.untag(reference.tag);
    publishEvent(args, 'delete', { digest, repository: repo.name, tag: reference.tag });
  } else {
    await repo.deleteManifest(reference.digest.digest);
    publishEvent(args, 'delete', { digest: reference.digest.digest, repository: repo.name });
  }
  res.status(202).setHeader('Content-Length', 0).end();
}

export const manifestHandlers: MethodTable<'manifest'> = {
  GET: getManifest,
  HEAD: getManifest,
  PUT: putManifest,
  DELETE: deleteManifest,
};

