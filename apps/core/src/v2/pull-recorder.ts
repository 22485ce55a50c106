import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { LOGGER } from '../tokens';
import { WebhookEvents } from '../webhooks/webhook-events';

export interface Pull {
  projectId: number;
  repository: string;
  digest: string;
  tag?: string;
  username: string;
  at: Date;
}

const FLUSH_AFTER_MS = 200;
const FLUSH_AT_SIZE = 1000;

/**
 * Pull bookkeeping (pull_count, pull_time, the audit row) off the request path: pulls are
 * gathered for a moment and written in one transaction of a few set-based statements, so a
 * burst of manifest GETs costs a handful of statements instead of four per GET, and the GETs
 * never queue on the repository row. A failed write is logged; the pulls it held are lost,
 * which costs statistics, never data.
 */
@Injectable()
export class PullRecorder implements OnModuleDestroy {
  private pending: Pull[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: DataSource, private readonly audit: AuditLogWriter, @Inject(LOGGER) private readonly log: Logger, @Optional() private readonly webhooks?: WebhookEvents) {}

  record(pull: Pull): void {
    this.pending.push(pull);
    if (this.pending.length >= FLUSH_AT_SIZE) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
  }

  /** Writes what is pending; resolves when every write started so far has finished. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(() => this.write(batch)).catch((err: unknown) => this.log.warn({ err, pulls: batch.length }, 'pull bookkeeping lost'));
    }
    return this.writing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private async write(batch: Pull[]): Promise<void> {
    const counts = new Map<string, number>();
    for (const p of batch) counts.set(p.repository, (counts.get(p.repository) ?? 0) + 1);
    const tagged = batch.filter((p) => p.tag !== undefined);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE repository r SET pull_count = r.pull_count + v.n FROM unnest($1::varchar[], $2::int[]) AS v(name, n) WHERE r.name = v.name`,
        [[...counts.keys()], [...counts.values()]],
      );
      await tx.query(
        `UPDATE artifact a SET pull_time = v.at FROM (SELECT repo, digest, max(at) AS at FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[]) AS u(repo, digest, at) GROUP BY 1, 2) v
         WHERE a.repository_name = v.repo AND a.digest = v.digest`,
        [batch.map((p) => p.repository), batch.map((p) => p.digest), batch.map((p) => p.at)],
      );
      if (tagged.length > 0) {
        await tx.query(
          `UPDATE tag t SET pull_time = v.at FROM repository r, (SELECT repo, tag, max(at) AS at FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[]) AS u(repo, tag, at) GROUP BY 1, 2) v
           WHERE r.repository_id = t.repository_id AND r.name = v.repo AND t.name = v.tag`,
          [tagged.map((p) => p.repository), tagged.map((p) => p.tag), tagged.map((p) => p.at)],
        );
      }
      // Through the writer, so the audit settings (disabled types, skip, forwarding) apply.
      await this.audit.writeMany(
        batch.map((p) => ({ projectId: p.projectId, operation: 'pull', resourceType: 'artifact', resource: `${p.repository}:${p.tag ?? p.digest}`, username: p.username, at: p.at })),
        tx,
      );
    });
    for (const p of batch) this.webhooks?.emit({ type: 'PULL_ARTIFACT', projectId: p.projectId, repository: p.repository, digest: p.digest, tags: p.tag ? [p.tag] : [], operator: p.username, occurAt: p.at });
  }
}
