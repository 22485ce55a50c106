import { Injectable } from '@nestjs/common';
import type { ProjectRef } from '../auth/project-directory';

/**
 * The hook where immutable-tag rules decide whether a push may overwrite a tag. The rules
 * themselves arrive with tag retention (jobservice); until a project has rules, nothing is
 * immutable. Rules are registered per project so the check stays a lookup on the push path.
 */
@Injectable()
export class ImmutabilityPolicy {
  private readonly rules = new Map<number, ((repository: string, tag: string) => boolean)[]>();

  /** Registers a matcher for a project; returns a function that removes it. */
  addRule(projectId: number, matches: (repository: string, tag: string) => boolean): () => void {
    const list = this.rules.get(projectId) ?? [];
    list.push(matches);
    this.rules.set(projectId, list);
    return () => this.rules.set(projectId, (this.rules.get(projectId) ?? []).filter((m) => m !== matches));
  }

  isImmutable(project: ProjectRef, repository: string, tag: string): boolean {
    const relative = repository.slice(project.name.length + 1);
    return (this.rules.get(project.id) ?? []).some((matches) => matches(relative, tag));
  }
}
