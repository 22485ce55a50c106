import { CLOUD_EVENT_TYPES, type NotifyType, type PayloadFormat } from './event-types';
import type { WebhookPayload } from './payload';

/** The request a target receives: its content type and body. */
export interface WebhookRequestBody {
  contentType: string;
  body: string;
}

export interface CloudEventContext {
  /** Unique per event and target, kept across retries so receivers can drop duplicates. */
  id: string;
  /** The request id of the API call or pull that raised the event. */
  requestId: string;
  projectId: number;
  policyId: number;
}

/** CloudEvents 1.0, structured mode: the Default payload's event_data becomes `data`. */
export function cloudEvent(payload: WebhookPayload, ctx: CloudEventContext): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: ctx.id,
    requestid: ctx.requestId,
    source: `/projects/${ctx.projectId}/webhook/policies/${ctx.policyId}`,
    type: CLOUD_EVENT_TYPES[payload.type],
    datacontenttype: 'application/json',
    time: new Date(payload.occur_at * 1000).toISOString().replace('.000Z', 'Z'),
    operator: payload.operator,
    ...(payload.event_data ? { data: payload.event_data } : {}),
  };
}

/** Harbor's Slack message: a header, type, time (Slack date token), operator and the data as code. */
export function slackMessage(payload: WebhookPayload): Record<string, unknown> {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const occurred = new Date(payload.occur_at * 1000).toISOString();
  return {
    blocks: [
      section('*Harbor webhook events*'),
      section(`*event_type:* ${payload.type}`),
      section(`*occur_at:* <!date^${payload.occur_at}^{date} at {time}|${occurred}>`),
      section(`*operator:* ${payload.operator}`),
      section('*event_data:*'),
      section('```' + JSON.stringify(payload.event_data ?? {}, null, 2) + '```'),
    ],
  };
}

/** The body a target of the given kind and format receives for a payload. */
export function renderWebhookBody(target: { type: NotifyType; payloadFormat?: PayloadFormat }, payload: WebhookPayload, ctx: CloudEventContext): WebhookRequestBody {
  if (target.type === 'slack') return { contentType: 'application/json', body: JSON.stringify(slackMessage(payload)) };
  if (target.payloadFormat === 'CloudEvents') return { contentType: 'application/cloudevents+json', body: JSON.stringify(cloudEvent(payload, ctx)) };
  return { contentType: 'application/json', body: JSON.stringify(payload) };
}
