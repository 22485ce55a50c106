import type { RetentionData } from '@harbor-ts/jobs';

/** What core features report to WebhookEvents.emit; the payload is built from it. */
export type WebhookEvent = ArtifactWebhookEvent | QuotaWebhookEvent | RetentionWebhookEvent;

interface EventBase {
  projectId: number;
  /** Who caused it (user or robot name). */
  operator: string;
  occurAt?: Date;
  /** X-Request-Id of the request that caused it (CloudEvents `requestid`). */
  requestId?: string;
}

export interface ArtifactWebhookEvent extends EventBase {
  type: 'PUSH_ARTIFACT' | 'PULL_ARTIFACT' | 'DELETE_ARTIFACT';
  /** Full repository name, "project/name". */
  repository: string;
  digest: string;
  tags?: readonly string[];
}

export interface QuotaWebhookEvent extends EventBase {
  type: 'QUOTA_EXCEED' | 'QUOTA_WARNING';
  repository: string;
  digest?: string;
  tag?: string;
  /** The quota message (custom_attributes.Details). */
  details: string;
}

export interface RetentionWebhookEvent extends EventBase {
  type: 'TAG_RETENTION';
  retention: RetentionData;
}

/** Harbor's default warning threshold: a push that brings usage to 85% of the limit. */
export const QUOTA_WARNING_RATIO = 0.85;
