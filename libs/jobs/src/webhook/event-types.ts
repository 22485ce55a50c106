/**
 * Harbor's webhook vocabulary for the events this product raises (the scan and replication
 * ones come with their features): event types, notify types (the target kinds) and the
 * payload formats an http target may choose.
 */
export const WEBHOOK_EVENT_TYPES = ['PUSH_ARTIFACT', 'PULL_ARTIFACT', 'DELETE_ARTIFACT', 'QUOTA_EXCEED', 'QUOTA_WARNING', 'TAG_RETENTION'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const NOTIFY_TYPES = ['http', 'slack'] as const;
export type NotifyType = (typeof NOTIFY_TYPES)[number];

export const PAYLOAD_FORMATS = ['Default', 'CloudEvents'] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

/** The CloudEvents `type` of each event (Harbor prefixes them with "harbor."). */
export const CLOUD_EVENT_TYPES: Readonly<Record<WebhookEventType, string>> = {
  PUSH_ARTIFACT: 'harbor.artifact.pushed',
  PULL_ARTIFACT: 'harbor.artifact.pulled',
  DELETE_ARTIFACT: 'harbor.artifact.deleted',
  QUOTA_EXCEED: 'harbor.quota.exceeded',
  QUOTA_WARNING: 'harbor.quota.warned',
  TAG_RETENTION: 'harbor.tag_retention.finished',
};

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
export function isNotifyType(value: unknown): value is NotifyType {
  return typeof value === 'string' && (NOTIFY_TYPES as readonly string[]).includes(value);
}
export function isPayloadFormat(value: unknown): value is PayloadFormat {
  return typeof value === 'string' && (PAYLOAD_FORMATS as readonly string[]).includes(value);
}
