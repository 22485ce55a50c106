import { type JobHandler, parseWebhookParams, renderWebhookBody, type NotifyType } from '@harbor-ts/jobs';
import { deliver } from './deliver';

export interface WebhookHandlerDeps {
  /** notification.webhook_job_http_client_timeout, in milliseconds. */
  timeoutMs: number;
}

/**
 * Harbor's retry rule for webhook jobs, declared next to them: notification.webhook_job_max_retry
 * retries after the first attempt (jobservice spaces them with its exponential backoff).
 */
export function webhookRetryPolicy(maxRetry: number): { attempts: number } {
  return { attempts: Math.max(0, maxRetry) + 1 };
}

/** WEBHOOK: POSTs the event to an http target in the policy's payload format. */
export function createWebhookHandler(deps: WebhookHandlerDeps): JobHandler {
  return deliveryHandler('http', deps);
}

/** SLACK: POSTs the event to a Slack incoming-webhook URL as a Slack message. */
export function createSlackHandler(deps: WebhookHandlerDeps): JobHandler {
  return deliveryHandler('slack', deps);
}

/**
 * One delivery attempt. Any answer outside 2xx, a network error or the timeout throws, so
 * jobservice retries the task with backoff; the log gets the request and status lines
 * (never the Authorization header).
 */
function deliveryHandler(type: NotifyType, deps: WebhookHandlerDeps): JobHandler {
  return async (ctx) => {
    const p = parseWebhookParams(ctx.params);
    const rendered = renderWebhookBody({ type, payloadFormat: p.payloadFormat }, p.payload, { id: p.eventId, requestId: p.requestId, projectId: p.projectId, policyId: p.policyId });
    const headers: Record<string, string> = { 'content-type': rendered.contentType, 'user-agent': 'harbor-ts-jobservice' };
    if (p.authHeader) headers.authorization = p.authHeader;
    ctx.log(`attempt ${ctx.attempt}: POST ${p.address} (${p.payload.type}, ${type === 'slack' ? 'Slack' : p.payloadFormat}, ${Buffer.byteLength(rendered.body)} bytes)`);
    const started = Date.now();
    let res;
    try {
      res = await deliver({ address: p.address, headers, body: rendered.body, skipCertVerify: p.skipCertVerify, timeoutMs: deps.timeoutMs, signal: ctx.signal });
    } catch (err) {
      ctx.log(`failed: ${(err as Error).message}`);
      throw new Error(`webhook delivery to ${p.address} failed: ${(err as Error).message}`);
    }
    ctx.log(`answer: ${res.status} ${res.statusText} in ${Date.now() - started} ms`);
    if (res.status < 200 || res.status > 299) {
      if (res.excerpt) ctx.log(`answer body: ${res.excerpt}`);
      throw new Error(`webhook target ${p.address} answered ${res.status} ${res.statusText}`);
    }
    return { status: res.status, eventType: p.payload.type };
  };
}
