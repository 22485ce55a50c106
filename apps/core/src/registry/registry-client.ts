import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { Agent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { CORE_CONFIG } from '../tokens';
import { InternalTokens } from './internal-token';

export interface RegistryResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** Small-body calls from core to the registry (manifests, HEADs, mounts), with core's own token. */
@Injectable()
export class RegistryClient {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly base: URL;

  constructor(@Inject(CORE_CONFIG) config: CoreConfig, private readonly tokens: InternalTokens) {
    this.base = new URL(config.registryUrl);
  }

  get baseUrl(): URL {
    return this.base;
  }

  async getManifest(name: string, reference: string, accept: string): Promise<RegistryResponse> {
    return this.call('GET', name, `/v2/${name}/manifests/${reference}`, { accept });
  }

  async putManifest(name: string, reference: string, mediaType: string, body: Buffer): Promise<RegistryResponse> {
    return this.call('PUT', name, `/v2/${name}/manifests/${reference}`, { 'content-type': mediaType }, body);
  }

  async deleteManifest(name: string, digest: string): Promise<RegistryResponse> {
    return this.call('DELETE', name, `/v2/${name}/manifests/${digest}`, {});
  }

  async headBlob(name: string, digest: string): Promise<RegistryResponse> {
    return this.call('HEAD', name, `/v2/${name}/blobs/${digest}`, {});
  }

  /** Cross-repository mount; 201 when the blob now exists in `name`. */
  async mountBlob(name: string, digest: string, from: string): Promise<RegistryResponse> {
    const path = `/v2/${name}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`;
    return this.call('POST', name, path, { 'content-length': '0' }, undefined, [from]);
  }

  /** A HEAD or GET on an upload session, to learn how many bytes it holds. */
  async uploadStatus(name: string, uuid: string): Promise<RegistryResponse> {
    return this.call('GET', name, `/v2/${name}/blobs/uploads/${uuid}`, {});
  }

  authorization(name: string, also: readonly string[] = []): string {
    const token = also.length === 0 ? this.tokens.forRepository(name) : this.tokens.forRepositories([name, ...also]);
    return `Bearer ${token}`;
  }

  private call(method: string, name: string, path: string, headers: OutgoingHttpHeaders, body?: Buffer, also: readonly string[] = []): Promise<RegistryResponse> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: this.base.hostname, port: this.base.port, method, path, agent: this.agent, headers: { ...headers, authorization: this.authorization(name, also) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
