import { Injectable } from '@nestjs/common';
import { WebhookPoliciesRepository } from './webhook-policies.repository';
import type { PolicyRow } from './webhook-policy.view';

/** How long a replica trusts its copy; policy changes on this replica clear it at once. */
const TTL_MS = 2_000;

/**
 * Enabled policies per project, so a burst of pulls in a project without webhooks costs one
 * query every two seconds, not one per pull.
 */
@Injectable()
export class WebhookPolicyCache {
  private readonly entries = new Map<number, { rows: Promise<PolicyRow[]>; expiresAt: number }>();

  constructor(private readonly repo: WebhookPoliciesRepository) {}

  enabledOf(projectId: number): Promise<PolicyRow[]> {
    const hit = this.entries.get(projectId);
    if (hit && hit.expiresAt > Date.now()) return hit.rows;
    const rows = this.repo.enabledOf(projectId);
    this.entries.set(projectId, { rows, expiresAt: Date.now() + TTL_MS });
    rows.catch(() => this.entries.delete(projectId));
    return rows;
  }

  forget(projectId: number): void {
    this.entries.delete(projectId);
  }
}
