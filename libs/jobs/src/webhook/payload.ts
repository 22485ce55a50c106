import type { WebhookEventType } from './event-types';

// Harbor's "Default" payload (src/pkg/notifier/model): what an http target receives as is,
// and what the CloudEvents and Slack formats are built from. Empty optional fields are left
// out, as Go's omitempty does; `tag` is always present on a resource.

export interface PayloadResource {
  digest?: string;
  tag: string;
  resource_url?: string;
}

export interface PayloadRepository {
  date_created?: number;
  name: string;
  namespace: string;
  repo_full_name: string;
  repo_type: 'public' | 'private';
}

export interface RetentionData {
  total: number;
  retained: number;
  harbor_hostname?: string;
  project_name?: string;
  retention_policy_id?: number;
  result?: string;
  deleted_artifact?: { type: string; status: string; name_tag: string }[];
}

export interface EventData {
  resources?: PayloadResource[];
  repository?: PayloadRepository;
  retention?: RetentionData;
  custom_attributes?: Record<string, string>;
}

export interface WebhookPayload {
  type: WebhookEventType;
  /** Unix seconds. */
  occur_at: number;
  operator: string;
  event_data?: EventData;
}

/** What the builders need to know about where the event happened. */
export interface EventScope {
  project: { name: string; public: boolean };
  /** Full repository name, "project/path/name". */
  repository: string;
  repositoryCreated?: Date;
  /** Host (and port) of the registry as clients reach it; without it resource_url is left out. */
  externalHost?: string;
}

export function repositoryOf(scope: EventScope): PayloadRepository {
  const prefix = `${scope.project.name}/`;
  const name = scope.repository.startsWith(prefix) ? scope.repository.slice(prefix.length) : scope.repository;
  return {
    ...(scope.repositoryCreated ? { date_created: unixSeconds(scope.repositoryCreated) } : {}),
    name,
    namespace: scope.project.name,
    repo_full_name: scope.repository,
    repo_type: scope.project.public ? 'public' : 'private',
  };
}

/** `<host>/<repository>:<tag>`, or `@<digest>` without a tag (Harbor's BuildImageResourceURL). */
export function resourceUrl(scope: EventScope, digest: string, tag?: string): string | undefined {
  if (!scope.externalHost) return undefined;
  return tag ? `${scope.externalHost}/${scope.repository}:${tag}` : `${scope.externalHost}/${scope.repository}@${digest}`;
}

export interface ArtifactEvent {
  type: 'PUSH_ARTIFACT' | 'PULL_ARTIFACT' | 'DELETE_ARTIFACT';
  occurAt: Date;
  operator: string;
  digest: string;
  tags: readonly string[];
}

/** Push, pull and delete: one resource per tag (a single tagless one for a digest). */
export function artifactPayload(event: ArtifactEvent, scope: EventScope): WebhookPayload {
  const tags = event.tags.length > 0 ? event.tags : [undefined];
  const resources = tags.map((tag): PayloadResource => {
    const url = resourceUrl(scope, event.digest, tag);
    return { digest: event.digest, tag: tag ?? '', ...(url ? { resource_url: url } : {}) };
  });
  return { type: event.type, occur_at: unixSeconds(event.occurAt), operator: event.operator, event_data: { resources, repository: repositoryOf(scope) } };
}

export interface QuotaEvent {
  type: 'QUOTA_EXCEED' | 'QUOTA_WARNING';
  occurAt: Date;
  operator: string;
  digest?: string;
  tag?: string;
  /** The quota message, sent as custom_attributes.Details. */
  details: string;
}

export function quotaPayload(event: QuotaEvent, scope: EventScope): WebhookPayload {
  const resource: PayloadResource = { ...(event.digest ? { digest: event.digest } : {}), tag: event.tag ?? '' };
  return {
    type: event.type,
    occur_at: unixSeconds(event.occurAt),
    operator: event.operator,
    event_data: { resources: [resource], repository: repositoryOf(scope), custom_attributes: { Details: event.details } },
  };
}

export interface RetentionEvent {
  occurAt: Date;
  operator: string;
  retention: RetentionData;
}

export function retentionPayload(event: RetentionEvent): WebhookPayload {
  return { type: 'TAG_RETENTION', occur_at: unixSeconds(event.occurAt), operator: event.operator, event_data: { retention: event.retention } };
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
