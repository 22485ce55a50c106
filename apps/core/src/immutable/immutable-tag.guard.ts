import { Injectable } from '@nestjs/common';
import type { ProjectRef } from '../auth/project-directory';
import { HarborError } from '../common/harbor-error';
import { ImmutabilityPolicy } from '../v2/immutability';
import { ImmutableRulesRepository } from './immutable-rules.repository';

const deleteRefused = (tag: string) => HarborError.precondition(`the tag ${tag} configured as immutable, cannot be deleted`);

/**
 * Harbor refuses to delete an immutable tag, and an artifact (or repository) holding one,
 * with 412 PRECONDITION; callers ask before they change anything.
 */
@Injectable()
export class ImmutableTagGuard {
  constructor(private readonly policy: ImmutabilityPolicy, private readonly rules: ImmutableRulesRepository) {}

  /** The `immutable` flag of Harbor's Tag view. */
  isImmutable(projectId: number, repositoryName: string, tag: string): boolean {
    return this.policy.isTagImmutable(projectId, repositoryName, tag);
  }

  refuseTagDelete(project: ProjectRef, repositoryName: string, tag: string): void {
    if (this.policy.isImmutable(project, repositoryName, tag)) throw deleteRefused(tag);
  }

  /** Reads the artifacts' tags only when the project has enabled rules. */
  async refuseArtifactsDelete(project: ProjectRef, repositoryName: string, digests: readonly string[]): Promise<void> {
    if (!this.policy.hasRules(project.id) || digests.length === 0) return;
    const immutable = (await this.rules.tagsOf(repositoryName, digests)).find((tag) => this.policy.isImmutable(project, repositoryName, tag));
    if (immutable !== undefined) throw deleteRefused(immutable);
  }
}
