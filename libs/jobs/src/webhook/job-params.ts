import { isPayloadFormat, isWebhookEventType, type PayloadFormat } from './event-types';
import type { WebhookPayload } from './payload';

/**
 * ctx.params of a WEBHOOK or SLACK task: one delivery of one event to one target. Core builds
 * it; jobservice checks it again with `parseWebhookParams`, because Redis is untyped.
 */
export interface WebhookJobParams {
  address: string;
  /** Sent as the Authorization header when not empty. */
  authHeader: string;
  skipCertVerify: boolean;
  payloadFormat: PayloadFormat;
  payload: WebhookPayload;
  /** CloudEvents id, fixed when the event is raised so retries carry the same one. */
  eventId: string;
  requestId: string;
  projectId: number;
  policyId: number;
}

export function parseWebhookParams(raw: Record<string, unknown>): WebhookJobParams {
  const fail = (field: string): never => {
    throw new Error(`invalid webhook job parameters: ${field}`);
  };
  const payload = raw.payload as Partial<WebhookPayload> | undefined;
  if (typeof raw.address !== 'string' || !/^https?:\/\//.test(raw.address)) fail('address');
  if (!payload || typeof payload !== 'object' || !isWebhookEventType(payload.type)) fail('payload');
  const format = raw.payloadFormat ?? 'Default';
  if (!isPayloadFormat(format)) fail('payloadFormat');
  return {
    address: raw.address as string,
    authHeader: typeof raw.authHeader === 'string' ? raw.authHeader : '',
    skipCertVerify: raw.skipCertVerify === true,
    payloadFormat: format as PayloadFormat,
    payload: payload as WebhookPayload,
    eventId: typeof raw.eventId === 'string' ? raw.eventId : '',
    requestId: typeof raw.requestId === 'string' ? raw.requestId : '',
    projectId: Number(raw.projectId ?? 0),
    policyId: Number(raw.policyId ?? 0),
  };
}
