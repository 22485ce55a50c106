import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { artifactPayload, type EventScope, quotaPayload, retentionPayload, type WebhookJobParams, type WebhookPayload } from '@harbor-ts/jobs';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { JobLauncher } from '../jobs/job-launcher';
import { CORE_CONFIG, LOGGER } from '../tokens';
import { humanSize } from '../v2/storage-ledger';
import { type ArtifactWebhookEvent, QUOTA_WARNING_RATIO, type WebhookEvent } from './webhook-event';
import { WebhookEventRepository } from './webhook-event.repository';
import { WebhookPolicyCache } from './webhook-policy.cache';
import type { PolicyRow } from './webhook-policy.view';

/**
 * Turns events into deliveries: for each enabled policy of the project subscribed to the
 * event, one WEBHOOK (http) or SLACK execution per target. emit() returns at once and never
 * throws: the request that caused the event neither waits for nor fails with its webhooks.
 */
@Injectable()
export class WebhookEvents implements OnModuleDestroy {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly externalHost?: string;

  constructor(
    private readonly policies: WebhookPolicyCache,
    private readonly repo: WebhookEventRepository,
    private readonly launcher: JobLauncher,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(CORE_CONFIG) config: CoreConfig,
  ) {
    this.externalHost = config.publicUrl ? new URL(config.publicUrl).host : undefined;
  }

  emit(event: WebhookEvent): void {
    const work = this.dispatch(event)
      .catch((err: unknown) => this.log.warn({ err, event: event.type, projectId: event.projectId }, 'webhook event not dispatched'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /**
   * A push refused over the project's quota: QUOTA_EXCEED with the refusal's message. Other
   * errors are not quota refusals and are ignored here.
   */
  quotaRefused(err: unknown, push: { projectId: number; repository: string; tag?: string; operator: string; requestId?: string }): void {
    const message = err instanceof Error ? err.message : '';
    if (!message.startsWith('Quota exceeded')) return;
    this.emit({ type: 'QUOTA_EXCEED', ...push, details: message });
  }

  /**
   * Called before artifacts are deleted: their tags are read now (the delete takes them), and
   * the returned function, called once the delete is committed, emits DELETE_ARTIFACT for each.
   * Costs nothing when no policy of the project listens for deletes; never throws.
   */
  async prepareDelete(d: { projectId: number; repository: string; digests: readonly string[]; operator: string; requestId?: string }): Promise<() => void> {
    try {
      const policies = await this.policies.enabledOf(d.projectId);
      if (!policies.some((p) => p.event_types.includes('DELETE_ARTIFACT'))) return () => undefined;
      const tags = await this.repo.tagsOf(d.repository, [...new Set(d.digests)]);
      const occurAt = new Date();
      return () => {
        for (const [digest, names] of tags) this.emit({ type: 'DELETE_ARTIFACT', projectId: d.projectId, repository: d.repository, digest, tags: names, operator: d.operator, occurAt, requestId: d.requestId });
      };
    } catch (err) {
      this.log.warn({ err, projectId: d.projectId }, 'webhook delete event not prepared');
      return () => undefined;
    }
  }

  /** Resolves once every event emitted so far has been handed to jobservice (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.idle();
  }

  private async dispatch(event: WebhookEvent): Promise<void> {
    const all = await this.policies.enabledOf(event.projectId);
    const subscribed = all.filter((p) => p.event_types.includes(event.type));
    const warned = event.type === 'PUSH_ARTIFACT' ? all.filter((p) => p.event_types.includes('QUOTA_WARNING')) : [];
    if (subscribed.length === 0 && warned.length === 0) return;
    if (!(await this.repo.notificationEnabled())) return;
    if (subscribed.length > 0) {
      const payload = await this.payloadOf(event);
      if (payload) await this.launchAll(subscribed, payload, event);
    }
    if (warned.length > 0) await this.warnOnQuota(warned, event as ArtifactWebhookEvent);
  }

  private async payloadOf(event: WebhookEvent): Promise<WebhookPayload | undefined> {
    const occurAt = event.occurAt ?? new Date();
    if (event.type === 'TAG_RETENTION') return retentionPayload({ occurAt, operator: event.operator, retention: event.retention });
    const project = await this.repo.project(event.projectId, event.repository);
    if (!project) return undefined;
    const scope: EventScope = { project, repository: event.repository, repositoryCreated: project.repositoryCreated, externalHost: this.externalHost };
    switch (event.type) {
      case 'QUOTA_EXCEED':
      case 'QUOTA_WARNING':
        return quotaPayload({ type: event.type, occurAt, operator: event.operator, digest: event.digest, tag: event.tag, details: event.details }, scope);
      default:
        return artifactPayload({ type: event.type, occurAt, operator: event.operator, digest: event.digest, tags: event.tags ?? [] }, scope);
    }
  }

  /**
   * QUOTA_WARNING when this push took usage across 85% of the limit. The usage before is
   * estimated as usage minus the artifact's size (blobs it shares were already counted, so a
   * push above the line by less than its size can warn once more).
   */
  private async warnOnQuota(policies: PolicyRow[], push: ArtifactWebhookEvent): Promise<void> {
    const usage = await this.repo.usage(push.projectId, push.repository, push.digest);
    if (!usage || usage.hard <= 0) return;
    const line = usage.hard * QUOTA_WARNING_RATIO;
    if (usage.used < line || usage.used - usage.artifactSize >= line) return;
    const details = `The current usage ${humanSize(usage.used)} of storage has reached ${Math.floor((usage.used / usage.hard) * 100)}% of the configured upper limit of ${humanSize(usage.hard)}.`;
    const warning = { ...push, type: 'QUOTA_WARNING' as const, tag: push.tags?.[0], details };
    const payload = await this.payloadOf(warning);
    if (payload) await this.launchAll(policies, payload, warning);
  }

  private async launchAll(policies: PolicyRow[], payload: WebhookPayload, event: WebhookEvent): Promise<void> {
    const launches = policies.flatMap((policy) => policy.targets.map(async (target) => {
      const params: WebhookJobParams = {
        address: target.address,
        authHeader: target.auth_header,
        skipCertVerify: target.skip_cert_verify,
        payloadFormat: target.payload_format || 'Default',
        payload,
        eventId: randomUUID(),
        requestId: event.requestId ?? '',
        projectId: event.projectId,
        policyId: policy.id,
      };
      const type = target.type === 'slack' ? 'SLACK' : 'WEBHOOK';
      try {
        await this.launcher.launch(type, { vendorId: policy.id, trigger: 'EVENT', params: { ...params }, extraAttrs: { event_type: event.type, payload: JSON.stringify(payload) } });
      } catch (err) {
        this.log.warn({ err, policyId: policy.id, address: target.address }, 'webhook delivery not launched');
      }
    }));
    await Promise.all(launches);
  }
}
