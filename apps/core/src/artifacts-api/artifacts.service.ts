import { Injectable } from '@nestjs/common';
import { isIndexMediaType } from '@harbor-ts/oci';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { LabelsRepository } from '../labels/labels.repository';
import type { ListRequest } from '../projects/list-query';
import { ArtifactRemover } from './artifact-remover';
import type { ArtifactRow } from './artifact.rows';
import { toArtifactView } from './artifact.view';
import { ImmutableTagGuard } from '../immutable/immutable-tag.guard';
import { ArtifactsRepository } from './artifacts.repository';

export interface WithOptions {
  withTag: boolean;
  withAccessory: boolean;
  withLabel: boolean;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** A reference is a digest when it parses as one (Harbor: digest.Parse), a tag otherwise. */
export function isDigest(reference: string): boolean {
  return DIGEST.test(reference);
}

@Injectable()
export class ArtifactsService {
  constructor(
    private readonly artifacts: ArtifactsRepository,
    private readonly remover: ArtifactRemover,
    private readonly labels: LabelsRepository,
    private readonly immutable: ImmutableTagGuard,
  ) {}

  async list(repositoryName: string, list: ListRequest, opts: WithOptions): Promise<{ items: Record<string, unknown>[]; total: number }> {
    const { rows, total } = await this.artifacts.page(repositoryName, list);
    return { items: await this.views(rows, opts), total };
  }

  async get(repositoryName: string, reference: string, opts: WithOptions): Promise<Record<string, unknown>> {
    const [view] = await this.views([await this.resolve(repositoryName, reference)], opts);
    return view;
  }

  /** Harbor's GetByReference, with its not-found messages. */
  async resolve(repositoryName: string, reference: string): Promise<ArtifactRow> {
    if (isDigest(reference)) {
      const found = await this.artifacts.byDigest(repositoryName, reference);
      if (!found) throw HarborError.notFound(`artifact ${repositoryName}@${reference} not found`);
      return found;
    }
    const repositoryId = await this.artifacts.repositoryId(repositoryName);
    if (repositoryId === undefined) throw HarborError.notFound(`repository ${repositoryName} not found`);
    const found = await this.artifacts.byTag(repositoryId, reference);
    if (!found) throw HarborError.notFound(`artifact ${repositoryName}:${reference} not found`);
    return found;
  }

  /**
   * Harbor's deleteDeeply: refused for an index's child; takes the artifact's accessories
   * (recursively) and its children no tag or other index holds; tags go with their artifacts.
   */
  async delete(ctx: SecurityContext, project: ProjectRef, repositoryName: string, reference: string): Promise<void> {
    const root = await this.resolve(repositoryName, reference);
    if (await this.artifacts.isReferenced(root.id)) {
      throw new HarborError('VIOLATE_FOREIGN_KEY_CONSTRAINT', 'the deleting artifact is referenced by others');
    }
    const ids = await this.artifacts.closure(root.id);
    const digests = await this.artifacts.digestsOf(ids);
    await this.remover.remove(project, repositoryName, digests, (tx) => this.artifacts.deleteArtifacts(tx, ids, root.repository_id), {
      projectId: project.id,
      operation: 'delete',
      resourceType: 'artifact',
      resource: `${repositoryName}@${root.digest}`,
      description: `delete artifact: ${repositoryName}@${root.digest}`,
      username: ctx.name,
    });
  }

  private async views(rows: ArtifactRow[], opts: WithOptions): Promise<Record<string, unknown>[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // Only an index has references; most pages hold none and need not ask.
    const indexIds = rows.filter((r) => isIndexMediaType(r.manifest_media_type)).map((r) => r.id);
    const [tags, refs, accs, labels] = await Promise.all([
      opts.withTag ? this.artifacts.tagsOf(ids) : [],
      indexIds.length > 0 ? this.artifacts.referencesOf(indexIds) : [],
      opts.withAccessory ? this.artifacts.accessoriesOf(ids) : [],
      opts.withLabel ? this.labels.ofArtifacts(ids) : [],
    ]);
    return rows.map((a) =>
      toArtifactView(a, {
        tags: tags.filter((t) => t.artifact_id === a.id),
        references: refs.filter((r) => r.parent_id === a.id),
        accessories: accs.filter((x) => x.subject_artifact_id === a.id),
        labels: labels.filter((l) => l.artifact_id === a.id),
        immutable: (tag) => this.immutable.isImmutable(a.project_id, a.repository_name, tag),
      }),
    );
  }
}
