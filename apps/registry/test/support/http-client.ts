import { digestOf, OCI_IMAGE_MANIFEST } from '@harbor-ts/oci';
import { request } from 'node:http';

/** Small helpers over fetch for integration tests: each call is a real HTTP request. */
export interface Call {
  status: number;
  headers: Headers;
  body: Buffer;
  json<T = unknown>(): T;
  /** The first OCI error code of an error envelope. */
  code(): string | undefined;
}

export async function call(url: string, init: RequestInit = {}): Promise<Call> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    body,
    json: <T>() => JSON.parse(body.toString()) as T,
    code: () => {
      try {
        return (JSON.parse(body.toString()) as { errors?: { code: string }[] }).errors?.[0]?.code;
      } catch {
        return undefined;
      }
    },
  };
}

/** Monolithic push: POST ?digest= with the whole blob. */
export async function pushBlob(base: string, name: string, content: Buffer, headers: Record<string, string> = {}): Promise<string> {
  const digest = digestOf(content);
  const res = await call(`${base}/v2/${name}/blobs/uploads/?digest=${digest}`, {
    method: 'POST',
    body: content,
    headers: { 'content-type': 'application/octet-stream', ...headers },
  });
  if (res.status !== 201) throw new Error(`blob push failed: ${res.status} ${res.body.toString()}`);
  return digest;
}

export interface TestImage {
  config: Buffer;
  layers: Buffer[];
  manifest: Buffer;
  digest: string;
}

/** An OCI image whose blobs are made from `seed`, optionally with a subject (a referrer). */
export function makeImage(seed: string, extra: Record<string, unknown> = {}): TestImage {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed }));
  const layers = [Buffer.from(`layer-a-${seed}`), Buffer.from(`layer-b-${seed}`)];
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_IMAGE_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: digestOf(l), size: l.length })),
      ...extra,
    }),
  );
  return { config, layers, manifest, digest: digestOf(manifest) };
}

export async function pushImage(base: string, name: string, ref: string, image: TestImage, headers: Record<string, string> = {}): Promise<Call> {
  for (const blob of [image.config, ...image.layers]) await pushBlob(base, name, blob, headers);
  return call(`${base}/v2/${name}/manifests/${ref}`, {
    method: 'PUT',
    body: image.manifest,
    headers: { 'content-type': OCI_IMAGE_MANIFEST, ...headers },
  });
}

/** A request whose path goes out byte for byte (fetch would resolve "..", which hides traversal attempts). */
export function rawCall(host: string, method: string, path: string, body?: string): Promise<{ status: number; code?: string }> {
  const [hostname, port] = host.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port: Number(port), method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { errors?: { code: string }[] }).errors?.[0]?.code;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode ?? 0, code });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
