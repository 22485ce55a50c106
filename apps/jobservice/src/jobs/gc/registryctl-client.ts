/** One blob in storage, as registryctl lists it. */
export interface StorageBlob {
  digest: string;
  size: number;
  mtime: string;
}

export interface BlobDeletionResult {
  digest: string;
  deleted: boolean;
  size: number;
}

export interface ManifestDeletionResult {
  repository: string;
  digest: string;
  deleted: boolean;
  tags: string[];
  skipped?: 'tagged';
}

/** No registryctl call may hang a GC run: each request has this long to answer (listings excepted). */
const REQUEST_TIMEOUT_MS = 120_000;

/** registryctl's internal API (apps/registryctl), authenticated with the shared secret. */
export class RegistryctlClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  async health(): Promise<boolean> {
    const res = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    await res?.body?.cancel();
    return res?.status === 200;
  }

  async deleteBlobs(digests: readonly string[]): Promise<BlobDeletionResult[]> {
    return (await this.post<{ results: BlobDeletionResult[] }>('/api/registry/blobs/delete', { digests })).results;
  }

  async deleteManifests(manifests: readonly { repository: string; digest: string }[], options: { keepTagged?: boolean } = {}): Promise<ManifestDeletionResult[]> {
    return (await this.post<{ results: ManifestDeletionResult[] }>('/api/registry/manifests/delete', { manifests, keepTagged: options.keepTagged === true })).results;
  }

  async purgeUploads(olderThanMs: number, dryRun: boolean): Promise<{ scanned: number; purged: number }> {
    return this.post('/api/registry/uploads/purge', { olderThanMs, dryRun });
  }

  /** Streams every stored blob written before `before`, `batchSize` at a time, to `onBatch`. */
  async listBlobs(before: Date, batchSize: number, onBatch: (blobs: StorageBlob[]) => Promise<void>): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/registry/blobs?before=${encodeURIComponent(before.toISOString())}`, { headers: this.headers() });
    if (res.status !== 200 || !res.body) throw await failure('GET /api/registry/blobs', res);
    let pending = '';
    let batch: StorageBlob[] = [];
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      pending += Buffer.from(chunk).toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) batch.push(JSON.parse(line) as StorageBlob);
      if (batch.length >= batchSize) {
        await onBatch(batch);
        batch = [];
      }
    }
    if (pending) batch.push(JSON.parse(pending) as StorageBlob);
    if (batch.length > 0) await onBatch(batch);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status !== 200) throw await failure(`POST ${path}`, res);
    return (await res.json()) as T;
  }

  private headers(): Record<string, string> {
    return { authorization: `Harbor-Secret ${this.secret}` };
  }
}

async function failure(what: string, res: Response): Promise<Error> {
  const text = await res.text().catch(() => '');
  return new Error(`registryctl ${what} answered ${res.status}: ${text.slice(0, 300)}`);
}
