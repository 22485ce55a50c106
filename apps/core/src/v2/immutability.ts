import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { ProjectRef } from '../auth/project-directory';
import { type RuleFilter, ruleMatches } from '../immutable/immutable-rule';
import { ImmutableRulesRepository, type RuleRow } from '../immutable/immutable-rules.repository';
import { LOGGER } from '../tokens';

/** Another core process may change rules; its changes reach this one within this period. */
const RELOAD_MS = 15_000;

/**
 * Decides whether a tag is immutable, from the enabled immutable-tag rules of its project.
 * The push path asks synchronously: every enabled rule is held in memory (at most 15 per
 * project), loaded at start, reloaded for a project right after this process changes its
 * rules (before the API answers), and reloaded whole every 15 s for other processes' changes.
 * Loads run one after another, so a slow full reload never overwrites a newer project reload.
 */
@Injectable()
export class ImmutabilityPolicy implements OnModuleInit, OnModuleDestroy {
  private byProject = new Map<number, RuleFilter[]>();
  private loads: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly rules: ImmutableRulesRepository;

  constructor(db: DataSource, @Inject(LOGGER) private readonly log: Logger) {
    this.rules = new ImmutableRulesRepository(db);
  }

  async onModuleInit(): Promise<void> {
    await this.reloadAll();
    this.timer = setInterval(() => void this.reloadAll().catch((err: unknown) => this.log.warn({ err }, 'reloading immutable tag rules failed')), RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** `repository` is the full name ("project/repo"); rules match the part inside the project. */
  isImmutable(project: ProjectRef, repository: string, tag: string): boolean {
    const relative = repository.slice(project.name.length + 1);
    return (this.byProject.get(project.id) ?? []).some((rule) => ruleMatches(rule, relative, tag));
  }

  /** The same, from an artifact row: project names hold no '/', so the repository's first segment is the project. */
  isTagImmutable(projectId: number, repositoryName: string, tag: string): boolean {
    const rules = this.byProject.get(projectId);
    if (!rules) return false;
    const relative = repositoryName.slice(repositoryName.indexOf('/') + 1);
    return rules.some((rule) => ruleMatches(rule, relative, tag));
  }

  /** Whether the project has any enabled rule (lets callers skip a query when it has none). */
  hasRules(projectId: number): boolean {
    return this.byProject.has(projectId);
  }

  /** Re-reads one project's rules; awaited by whoever changed them. */
  refresh(projectId: number): Promise<void> {
    return this.serialised(async () => {
      const filters = (await this.rules.enabled(projectId)).map((r) => r.filter);
      if (filters.length > 0) this.byProject.set(projectId, filters);
      else this.byProject.delete(projectId);
    });
  }

  /** Re-reads every project's rules: what the timer runs for changes made by other processes. */
  reloadAll(): Promise<void> {
    return this.serialised(async () => {
      this.byProject = group(await this.rules.enabled());
    });
  }

  private serialised(load: () => Promise<void>): Promise<void> {
    const next = this.loads.then(load);
    this.loads = next.catch(() => undefined);
    return next;
  }
}

function group(rows: RuleRow[]): Map<number, RuleFilter[]> {
  const map = new Map<number, RuleFilter[]>();
  for (const row of rows) map.set(row.project_id, [...(map.get(row.project_id) ?? []), row.filter]);
  return map;
}
