import http from 'node:http';
import https from 'node:https';

export interface DeliveryRequest {
  address: string;
  headers: Record<string, string>;
  body: string;
  /** https only: accept any certificate (the target's skip_cert_verify). */
  skipCertVerify: boolean;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface DeliveryResponse {
  status: number;
  statusText: string;
  /** The start of the body, for the task log. */
  excerpt: string;
}

const EXCERPT_BYTES = 512;

/**
 * One POST to a webhook target. Redirects are not followed (the target is the address the
 * policy names, nothing else); the whole exchange must finish within timeoutMs.
 */
export function deliver(req: DeliveryRequest): Promise<DeliveryResponse> {
  const url = new URL(req.address);
  const secure = url.protocol === 'https:';
  const options: https.RequestOptions = {
    method: 'POST',
    headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
    signal: req.signal,
    ...(secure ? { agent: new https.Agent({ rejectUnauthorized: !req.skipCertVerify, keepAlive: false }) } : {}),
  };
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < EXCERPT_BYTES) chunks.push(chunk.subarray(0, EXCERPT_BYTES - kept));
        kept += chunk.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', excerpt: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    function fail(err: Error): void {
      clearTimeout(timer);
      reject(err);
    }
    request.on('error', fail);
    request.end(req.body);
  });
}
