import type { JobContext } from '@harbor-ts/jobs';
import { artifactPayload, type WebhookJobParams } from '@harbor-ts/jobs';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver, type Receiver } from '../../../../core/test/integration/webhook-receiver';
import { makeTestCa } from '../../../../core/test/support/proxied-stack';
import { createSlackHandler, createWebhookHandler, webhookRetryPolicy } from './webhook.handler';

const digest = `sha256:${'b'.repeat(64)}`;
const payload = artifactPayload(
  { type: 'PUSH_ARTIFACT', occurAt: new Date('2024-05-06T07:08:09Z'), operator: 'admin', digest, tags: ['v1'] },
  { project: { name: 'library', public: false }, repository: 'library/app' },
);

function params(address: string, extra: Partial<WebhookJobParams> = {}): Record<string, unknown> {
  return { address, authHeader: '', skipCertVerify: false, payloadFormat: 'Default', payload, eventId: 'ev-1', requestId: 'req-1', projectId: 4, policyId: 2, ...extra };
}

function context(p: Record<string, unknown>, attempt = 1): JobContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    type: 'WEBHOOK', executionId: 1, taskId: 1, params: p, attempt, signal: new AbortController().signal, lines,
    log: (line) => void lines.push(line),
    progress: async () => undefined,
  };
}

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(() => receiver.close());

const webhook = createWebhookHandler({ timeoutMs: 1_000 });

describe('WEBHOOK handler', () => {
  it('POSTs the Default payload with the auth header and logs the status line', async () => {
    const ctx = context(params(`${receiver.url}/hook?x=1`, { authHeader: 'Bearer s3cret' }));
    expect(await webhook(ctx)).toEqual({ status: 200, eventType: 'PUSH_ARTIFACT' });
    const [req] = receiver.received;
    expect(req).toMatchObject({ method: 'POST', path: '/hook?x=1' });
    expect(req.headers).toMatchObject({ authorization: 'Bearer s3cret', 'content-type': 'application/json' });
    expect(JSON.parse(req.body)).toEqual(payload);
    expect(ctx.lines[0]).toMatch(/^attempt 1: POST http:\/\/127\.0\.0\.1:\d+\/hook\?x=1 \(PUSH_ARTIFACT, Default, \d+ bytes\)$/);
    expect(ctx.lines[1]).toMatch(/^answer: 200 OK in \d+ ms$/);
    expect(ctx.lines.join('\n')).not.toContain('s3cret');
  });

  it('sends no Authorization header when none is configured, and CloudEvents when asked', async () => {
    await webhook(context(params(receiver.url, { payloadFormat: 'CloudEvents' })));
    const [req] = receiver.received;
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['content-type']).toBe('application/cloudevents+json');
    expect(JSON.parse(req.body)).toMatchObject({ specversion: '1.0', id: 'ev-1', requestid: 'req-1', source: '/projects/4/webhook/policies/2', type: 'harbor.artifact.pushed', data: payload.event_data });
  });

  it('throws on a 500 so jobservice retries, and the retry delivers', async () => {
    receiver.answers.push(500);
    const first = context(params(receiver.url), 1);
    await expect(webhook(first)).rejects.toThrow(/answered 500 Internal Server Error$/);
    expect(first.lines).toContain('answer body: receiver failure');
    const second = context(params(receiver.url), 2);
    await expect(webhook(second)).resolves.toEqual({ status: 200, eventType: 'PUSH_ARTIFACT' });
    expect(second.lines[0]).toMatch(/^attempt 2: POST/);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
  });

  it('gives up on a target slower than the timeout', async () => {
    receiver.delayMs = 3_000;
    const ctx = context(params(receiver.url));
    const started = Date.now();
    await expect(createWebhookHandler({ timeoutMs: 300 })(ctx)).rejects.toThrow('no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(ctx.lines[1]).toBe('failed: no answer within 300 ms');
  });

  it('fails on an unreachable target and on bad parameters', async () => {
    const closed = receiver.url;
    await receiver.close();
    await expect(webhook(context(params(closed)))).rejects.toThrow(/webhook delivery to .* failed: .*ECONNREFUSED/);
    await expect(webhook(context(params('ftp://x')))).rejects.toThrow('invalid webhook job parameters: address');
    receiver = await startReceiver();
  });

  it('declares max_retry retries after the first attempt', () => {
    expect(webhookRetryPolicy(3)).toEqual({ attempts: 4 });
    expect(webhookRetryPolicy(0)).toEqual({ attempts: 1 });
  });
});

describe('skip_cert_verify', () => {
  let dir: string;
  let tlsReceiver: Receiver;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webhook-tls-'));
    const ca = await makeTestCa(dir);
    tlsReceiver = await startReceiver({ cert: await readFile(ca.certificateFile), key: await readFile(ca.privateKeyFile) });
  });
  afterAll(async () => {
    await tlsReceiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a certificate it cannot verify unless the target skips verification', async () => {
    await expect(webhook(context(params(tlsReceiver.url)))).rejects.toThrow(/certificate/);
    expect(tlsReceiver.received).toHaveLength(0);
    await expect(webhook(context(params(tlsReceiver.url, { skipCertVerify: true })))).resolves.toEqual({ status: 200, eventType: 'PUSH_ARTIFACT' });
    expect(tlsReceiver.received).toHaveLength(1);
  });
});

describe('SLACK handler', () => {
  it('POSTs a Slack message built from the payload', async () => {
    const ctx = context(params(receiver.url, { authHeader: '' }));
    await createSlackHandler({ timeoutMs: 1_000 })(ctx);
    const body = JSON.parse(receiver.received[0].body);
    expect(body.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*event_type:* PUSH_ARTIFACT' } });
    expect(ctx.lines[0]).toContain('(PUSH_ARTIFACT, Slack,');
  });
});
