import { Injectable } from '@nestjs/common';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { ArtifactRemover } from '../artifacts-api/artifact-remover';
import { HarborError } from '../common/harbor-error';
import type { ListRequest } from '../projects/list-query';
import { type ProjectScope, RepositoriesRepository } from './repositories.repository';
import { type RepositoryRow, type RepositoryView, htmlEscape, toRepositoryView } from './repository.view';

export interface Page<T> {
  items: T[];
  total: number;
}

@Injectable()
export class RepositoriesService {
  constructor(private readonly repos: RepositoriesRepository, private readonly remover: ArtifactRemover) {}

  async listAll(ctx: SecurityContext, list: ListRequest): Promise<Page<RepositoryView>> {
    const scope = await this.scopeOf(ctx);
    if (!scope.all && scope.projectIds.length === 0) return { items: [], total: 0 };
    const { rows, total } = await this.repos.list(scope, list);
    return { items: rows.map(toRepositoryView), total };
  }

  async listInProject(project: ProjectRef, list: ListRequest): Promise<Page<RepositoryView>> {
    const { rows, total } = await this.repos.list({ all: false, projectIds: [project.id] }, list);
    return { items: rows.map(toRepositoryView), total };
  }

  async get(fullName: string): Promise<RepositoryView> {
    return toRepositoryView(await this.find(fullName));
  }

  async update(fullName: string, description: string): Promise<void> {
    const repo = await this.find(fullName);
    await this.repos.updateDescription(repo.repository_id, htmlEscape(description));
  }

  /** Every artifact goes (registry, then rows), then the repository row itself. */
  async delete(ctx: SecurityContext, project: ProjectRef, fullName: string): Promise<void> {
    const repo = await this.find(fullName);
    const artifacts = await this.repos.artifactsOf(repo.repository_id);
    await this.remover.remove(project, repo.name, artifacts.map((a) => a.digest), (tx) => this.repos.delete(tx, repo.repository_id), {
      projectId: project.id,
      operation: 'delete',
      resourceType: 'repository',
      resource: repo.name,
      description: `delete repository: ${repo.name}`,
      username: ctx.name,
    });
  }

  private async find(fullName: string): Promise<RepositoryRow> {
    const repo = await this.repos.byName(fullName);
    if (!repo) throw HarborError.notFound(`repository ${fullName} not found`);
    return repo;
  }

  /**
   * Harbor's listAuthorizedProjectIDs: sysadmins see everything; users the public projects and
   * their own; robots the projects named in their permissions ("*" = all) and the public ones;
   * anonymous callers the public ones.
   */
  private async scopeOf(ctx: SecurityContext): Promise<ProjectScope> {
    if (ctx.isSysAdmin) return { all: true };
    const p = ctx.principal;
    if (p.kind === 'robot') {
      const namespaces = p.robot.permissions.filter((perm) => perm.kind === 'project').map((perm) => perm.namespace);
      if (p.robot.level === 'system' && namespaces.includes('*')) return { all: true };
      const ids = await this.repos.visibleProjectIds(undefined, namespaces);
      return { all: false, projectIds: p.robot.level === 'project' ? [...new Set([...ids, p.robot.projectId])] : ids };
    }
    return { all: false, projectIds: await this.repos.visibleProjectIds(ctx.userId) };
  }
}
