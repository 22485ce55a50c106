import { isNotifyType, isPayloadFormat, isWebhookEventType, type NotifyType, type PayloadFormat, type WebhookEventType } from '@harbor-ts/jobs';
import { z } from 'zod';
import { HarborError } from '../common/harbor-error';

// The WebhookPolicy body of POST and PUT. id, project_id, creator and the times are fields a
// client may echo back from a GET; they are accepted and ignored, as Harbor does.

const targetSchema = z.strictObject({
  type: z.string().optional(),
  address: z.string().optional(),
  auth_header: z.string().optional(),
  skip_cert_verify: z.boolean().optional(),
  payload_format: z.string().optional(),
});

export const webhookPolicySchema = z.strictObject({
  id: z.number().int().optional(),
  name: z.string().max(256).optional(),
  description: z.string().optional(),
  project_id: z.number().int().optional(),
  targets: z.array(targetSchema).optional(),
  event_types: z.array(z.string()).optional(),
  creator: z.string().optional(),
  creation_time: z.string().optional(),
  update_time: z.string().optional(),
  enabled: z.boolean().optional(),
});

export type WebhookPolicyBody = z.infer<typeof webhookPolicySchema>;

export interface WebhookTarget {
  type: NotifyType;
  address: string;
  auth_header: string;
  skip_cert_verify: boolean;
  /** Default or CloudEvents for http; empty for slack. */
  payload_format: PayloadFormat | '';
}

export interface PolicyInput {
  name: string;
  description: string;
  enabled: boolean;
  targets: WebhookTarget[];
  eventTypes: WebhookEventType[];
}

/** Harbor's checks, in its order: the name, the event types, then each target. */
export function validatePolicy(body: WebhookPolicyBody): PolicyInput {
  const name = body.name?.trim() ?? '';
  if (!name) throw HarborError.badRequest('policy name cannot be empty');
  const eventTypes = body.event_types ?? [];
  if (eventTypes.length === 0) throw HarborError.badRequest('empty event type');
  for (const t of eventTypes) if (!isWebhookEventType(t)) throw HarborError.badRequest(`unsupported event type ${t}`);
  const targets = body.targets ?? [];
  if (targets.length === 0) throw HarborError.badRequest(`empty notification target with policy ${name}`);
  return {
    name,
    description: body.description ?? '',
    // Harbor's UI always sends it; an API client leaving it out means a working policy.
    enabled: body.enabled ?? true,
    targets: targets.map((t) => validateTarget(t, name)),
    eventTypes: [...new Set(eventTypes as WebhookEventType[])],
  };
}

function validateTarget(t: z.infer<typeof targetSchema>, policyName: string): WebhookTarget {
  const address = normalizeAddress(t.address ?? '');
  if (!isNotifyType(t.type)) throw HarborError.badRequest(`unsupported target type ${t.type ?? ''} with policy ${policyName}`);
  const format = t.payload_format ?? '';
  if (format && t.type === 'slack') throw HarborError.badRequest('set payload format is not allowed for slack');
  if (format && !isPayloadFormat(format)) throw HarborError.badRequest(`unsupported payload format type: ${format}`);
  return {
    type: t.type,
    address,
    auth_header: t.auth_header ?? '',
    skip_cert_verify: t.skip_cert_verify ?? false,
    payload_format: t.type === 'http' ? ((format || 'Default') as PayloadFormat) : '',
  };
}

/**
 * Harbor's ParseEndpoint: http or https (http when no scheme is given), then only scheme, host
 * and path are kept, so credentials or a query string cannot ride along in the address.
 */
export function normalizeAddress(raw: string): string {
  const trimmed = raw.trim();
  if (!trimmed.replace(/\/+$/, '')) throw HarborError.badRequest('empty URL');
  const scheme = /^([^:/]*):\/\//.exec(trimmed)?.[1];
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') throw HarborError.badRequest(`invalid scheme: ${scheme}`);
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `http://${trimmed}` : trimmed);
  } catch {
    throw HarborError.badRequest(`invalid URL: ${raw}`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** A positive int64 path id, as go-swagger validates it. */
export function parsePathId(name: string, raw: string): number {
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw HarborError.badRequest(`${name} in path must be of type int64: "${raw}"`);
  const id = Number(raw);
  if (id < 1) throw HarborError.badRequest(`${name} in path should be greater than or equal to 1`);
  return id;
}
