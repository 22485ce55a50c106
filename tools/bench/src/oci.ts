// The few OCI distribution API calls the bench makes, in the order real clients make them.
import { Readable } from 'node:stream';
import { expectStatus, header, HttpClient, Reply } from './http';
import { BlobSpec, blobStream, sha256 } from './prng';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const MANIFEST_ACCEPT = [
  OCI_MANIFEST,
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

/** A blob small enough to keep in memory, with its descriptor. */
export interface SmallBlob {
  readonly descriptor: Descriptor;
  readonly bytes: Buffer;
}

export function smallBlob(mediaType: string, bytes: Buffer): SmallBlob {
  return { descriptor: { mediaType, digest: sha256(bytes), size: bytes.length }, bytes };
}

export function imageManifest(config: Descriptor, layers: readonly Descriptor[]): Buffer {
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers }));
}

/** Appends `digest=` to an upload Location, keeping its own query (e.g. distribution's _state). */
export function withDigest(location: string, digest: string): string {
  return `${location}${location.includes('?') ? '&' : '?'}digest=${encodeURIComponent(digest)}`;
}

const OCTETS = 'application/octet-stream';

export class RegistryApi {
  constructor(readonly http: HttpClient) {}

  /** POST /v2/<name>/blobs/uploads/ -> the upload session's absolute Location. */
  async startUpload(repo: string): Promise<string> {
    const path = `/v2/${repo}/blobs/uploads/`;
    const reply = expectStatus(await this.http.request(path, { method: 'POST', headers: { 'content-length': 0 } }), 'POST', path, 202);
    return this.location(reply, path);
  }

  /** Monolithic upload: POST, then one PUT ?digest= carrying the whole body. */
  async pushBlob(repo: string, digest: string, size: number, body: Buffer | Readable): Promise<void> {
    const url = withDigest(await this.startUpload(repo), digest);
    const headers = { 'content-type': OCTETS, 'content-length': size };
    expectStatus(await this.http.request(url, { method: 'PUT', headers, body }), 'PUT', url, 201);
  }

  /** Cross-repository mount (POST ?mount=&from=); uploads the bytes if the registry answers 202. */
  async mountOrPush(repo: string, blob: SmallBlob, from: string): Promise<void> {
    const path = `/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(blob.descriptor.digest)}&from=${encodeURIComponent(from)}`;
    const reply = expectStatus(await this.http.request(path, { method: 'POST', headers: { 'content-length': 0 } }), 'POST', path, 201, 202);
    if (reply.status === 201) return;
    const url = withDigest(this.location(reply, path), blob.descriptor.digest);
    const headers = { 'content-type': OCTETS, 'content-length': blob.bytes.length };
    expectStatus(await this.http.request(url, { method: 'PUT', headers, body: blob.bytes }), 'PUT', url, 201);
  }

  pushSmall(repo: string, blob: SmallBlob): Promise<void> {
    return this.pushBlob(repo, blob.descriptor.digest, blob.bytes.length, blob.bytes);
  }

  /** Chunked upload: POST, PATCH chunks with Content-Range, then PUT ?digest= with no body. */
  async pushChunked(repo: string, spec: BlobSpec, digest: string, chunkSize: number): Promise<void> {
    let location = await this.startUpload(repo);
    for (let start = 0; start < spec.size; start += chunkSize) {
      const end = Math.min(spec.size, start + chunkSize);
      const headers = { 'content-type': OCTETS, 'content-length': end - start, 'content-range': `${start}-${end - 1}` };
      const reply = await this.http.request(location, { method: 'PATCH', headers, body: blobStream(spec, start, end) });
      location = this.location(expectStatus(reply, 'PATCH', location, 202), location);
    }
    const url = withDigest(location, digest);
    expectStatus(await this.http.request(url, { method: 'PUT', headers: { 'content-length': 0 } }), 'PUT', url, 201);
  }

  async headBlob(repo: string, digest: string): Promise<Reply> {
    return this.http.request(`/v2/${repo}/blobs/${digest}`, { method: 'HEAD' });
  }

  /** PUT /v2/<name>/manifests/<reference>; returns the digest the registry reports. */
  async putManifest(repo: string, reference: string, manifest: Buffer): Promise<string> {
    const path = `/v2/${repo}/manifests/${reference}`;
    const headers = { 'content-type': OCI_MANIFEST, 'content-length': manifest.length };
    const reply = expectStatus(await this.http.request(path, { method: 'PUT', headers, body: manifest }), 'PUT', path, 201);
    return header(reply, 'docker-content-digest') ?? sha256(manifest);
  }

  async getManifest(repo: string, reference: string): Promise<Reply> {
    const path = `/v2/${repo}/manifests/${reference}`;
    return expectStatus(await this.http.request(path, { headers: { accept: MANIFEST_ACCEPT } }), 'GET', path, 200);
  }

  /** Like docker and skopeo: HEAD each blob, upload the missing ones, then PUT the manifest. */
  async pushImage(repo: string, reference: string, config: SmallBlob, layers: readonly SmallBlob[]): Promise<string> {
    for (const blob of [...layers, config]) {
      const head = await this.headBlob(repo, blob.descriptor.digest);
      if (head.status === 200) continue;
      expectStatus(head, 'HEAD', `/v2/${repo}/blobs/${blob.descriptor.digest}`, 404);
      await this.pushSmall(repo, blob);
    }
    return this.putManifest(repo, reference, imageManifest(config.descriptor, layers.map((l) => l.descriptor)));
  }

  private location(reply: Reply, requested: string): string {
    const location = header(reply, 'location');
    if (!location) throw new Error(`no Location in the reply to ${requested}`);
    return this.http.resolve(location);
  }
}
