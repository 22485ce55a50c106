import { Injectable } from '@nestjs/common';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { ProjectGuard } from '../repositories/project-guard';
import { ArtifactCopyService } from './artifact-copy.service';
import { ArtifactsRepository } from './artifacts.repository';
import { ArtifactsService } from './artifacts.service';

// distribution's reference grammar: path components, then ":tag" and/or "@digest".
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const FROM = new RegExp(`^(${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`);

/** "project/repo:tag" or "project/repo@digest" -> repository and reference (a digest wins). */
export function parseFrom(from: string): { repository: string; reference: string } {
  const m = FROM.exec(from);
  const reference = m?.[3] ?? m?.[2];
  if (!m || !reference || !m[1].includes('/')) throw HarborError.badRequest(`invalid input: ${from}`);
  return { repository: m[1], reference };
}

/**
 * POST .../artifacts?from=: create on the target (checked by the caller), read on the source;
 * an accessory cannot be copied on its own. Returns the reference for the Location header.
 */
@Injectable()
export class ArtifactCopyFlow {
  constructor(
    private readonly guard: ProjectGuard,
    private readonly artifacts: ArtifactsService,
    private readonly rows: ArtifactsRepository,
    private readonly copier: ArtifactCopyService,
  ) {}

  async copy(ctx: SecurityContext, target: ProjectRef, targetRepo: string, from: string): Promise<string> {
    const { repository, reference } = parseFrom(from);
    await this.guard.require(ctx, repository.split('/')[0], 'artifact', 'read');
    const source = await this.artifacts.resolve(repository, reference);
    if (await this.rows.isAccessory(source.id)) {
      throw new HarborError('DENIED', "the operation isn't supported for an artifact accessory");
    }
    await this.copier.copy({ ctx, target, sourceRepo: repository, targetRepo }, source);
    return reference;
  }
}
