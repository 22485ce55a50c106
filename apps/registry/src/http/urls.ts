import type { Request } from 'express';

/**
 * Absolute URLs for Location and Link headers. With `publicUrl` (Harbor's external_url) every
 * URL uses the public address; otherwise the address the client used, as forwarded by a
 * trusted proxy (`trust proxy` covers X-Forwarded-Proto/Host from loopback).
 */
export function baseUrl(req: Request, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  // req.host honours X-Forwarded-Host from a trusted proxy and keeps the port.
  return `${req.protocol}://${req.host ?? 'localhost'}`;
}

export function uploadLocation(req: Request, publicUrl: string | undefined, name: string, id: string): string {
  return `${baseUrl(req, publicUrl)}/v2/${name}/blobs/uploads/${id}`;
}

export function blobLocation(req: Request, publicUrl: string | undefined, name: string, digest: string): string {
  return `${baseUrl(req, publicUrl)}/v2/${name}/blobs/${digest}`;
}

export function manifestLocation(req: Request, publicUrl: string | undefined, name: string, digest: string): string {
  return `${baseUrl(req, publicUrl)}/v2/${name}/manifests/${digest}`;
}
