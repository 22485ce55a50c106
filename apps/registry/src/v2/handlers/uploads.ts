import { isValidRepositoryName, OciError, parseDigest } from '@harbor-ts/oci';
import type { RepositoryStore, UploadStatus } from '@harbor-ts/storage';
import type { Request, Response } from 'express';
import { contentLength, parseContentRange } from '../../http/ranges';
import { blobLocation, uploadLocation } from '../../http/urls';
import type { HandlerArgs, MethodTable, V2Context } from '../context';
import { repositoryOf } from './names';

/** 202 with where to send the next chunk and, per the spec, the range received so far. */
function answerSession(ctx: V2Context, req: Request, res: Response, name: string, status: UploadStatus, code: number): void {
  res.status(code);
  res.setHeader('Location', uploadLocation(req, ctx.publicUrl, name, status.id));
  res.setHeader('Docker-Upload-UUID', status.id);
  res.setHeader('Range', `0-${Math.max(0, status.size - 1)}`);
  res.setHeader('Content-Length', 0);
  res.end();
}

function answerBlobCreated(ctx: V2Context, req: Request, res: Response, name: string, digest: string): void {
  res.status(201);
  res.setHeader('Location', blobLocation(req, ctx.publicUrl, name, digest));
  res.setHeader('Docker-Content-Digest', digest);
  res.setHeader('Content-Length', 0);
  res.end();
}

/** A body is present when the client announced bytes, or streams with chunked encoding. */
function hasBody(req: Request): boolean {
  const length = contentLength(req.get('content-length'));
  return length !== undefined ? length > 0 : req.get('transfer-encoding') !== undefined;
}

/** "?mount=<digest>&from=<repository>": link a blob the client may already read elsewhere; 201 when it worked. */
async function tryMount(args: HandlerArgs<'uploads'>, repo: RepositoryStore): Promise<boolean> {
  const { ctx, req, res, principal } = args;
  const mount = req.query.mount;
  const from = req.query.from;
  if (typeof mount !== 'string' || typeof from !== 'string') return false;
  const { digest } = parseDigest(mount);
  // A source the client may not read, or cannot name, simply falls back to a normal upload.
  if (!isValidRepositoryName(from) || !principal.may('repository', from, 'pull')) return false;
  if (!(await repo.mountBlob(digest, ctx.store.repository(from)))) return false;
  answerBlobCreated(ctx, req, res, repo.name, digest);
  return true;
}

async function startUpload(args: HandlerArgs<'uploads'>): Promise<void> {
  const { ctx, route, req, res } = args;
  const repo = repositoryOf(ctx, route.name);
  if (await tryMount(args, repo)) return;
  const digest = req.query.digest;
  if (typeof digest === 'string') parseDigest(digest);
  else if (hasBody(req)) {
    // Bytes without a digest could never be verified; dropping them silently would lose data.
    throw OciError.of('BLOB_UPLOAD_INVALID', { reason: 'a POST with a body is a monolithic upload and needs ?digest=' });
  }
  const session = await repo.uploads.create();
  if (typeof digest === 'string') {
    // Monolithic upload: "POST ...?digest=<digest>" with the whole blob as the body.
    const length = contentLength(req.get('content-length'));
    // The client never learns this session's id, so a failed monolithic upload leaves nothing behind.
    const blob = await repo.uploads.complete(session.id, digest, req, { length }).catch(async (err) => {
      await repo.uploads.cancel(session.id).catch(() => undefined);
      throw err;
    });
    answerBlobCreated(ctx, req, res, repo.name, blob.digest);
    return;
  }
  answerSession(ctx, req, res, repo.name, session, 202);
}

async function patchUpload({ ctx, route, req, res }: HandlerArgs<'upload'>): Promise<void> {
  const repo = repositoryOf(ctx, route.name);
  const range = parseContentRange(req.get('content-range'));
  const length = contentLength(req.get('content-length'));
  if (range && length !== undefined && range.end - range.start + 1 !== length) {
    throw OciError.of('SIZE_INVALID', { contentRange: req.get('content-range'), contentLength: length });
  }
  const status = await repo.uploads.append(route.uuid, req, {
    start: range?.start,
    length: range ? range.end - range.start + 1 : length,
  });
  answerSession(ctx, req, res, repo.name, status, 202);
}

async function finishUpload({ ctx, route, req, res }: HandlerArgs<'upload'>): Promise<void> {
  const repo = repositoryOf(ctx, route.name);
  const digest = req.query.digest;
  if (typeof digest !== 'string') throw OciError.of('DIGEST_INVALID', { reason: 'the digest query parameter is required' });
  parseDigest(digest);
  const range = parseContentRange(req.get('content-range'));
  const length = contentLength(req.get('content-length'));
  const body = hasBody(req) ? req : undefined;
  const blob = await repo.uploads.complete(route.uuid, digest, body, { start: body ? range?.start : undefined, length: body ? length : undefined });
  answerBlobCreated(ctx, req, res, repo.name, blob.digest);
}

export const uploadsHandlers: MethodTable<'uploads'> = { POST: startUpload };

export const uploadHandlers: MethodTable<'upload'> = {
  GET: async ({ ctx, route, req, res }) => {
    const repo = repositoryOf(ctx, route.name);
    answerSession(ctx, req, res, repo.name, await repo.uploads.status(route.uuid), 204);
  },
  PATCH: patchUpload,
  PUT: finishUpload,
  DELETE: async ({ ctx, route, res }) => {
    const repo = repositoryOf(ctx, route.name);
    await repo.uploads.cancel(route.uuid);
    res.status(204).end();
  },
};
