import { Injectable } from '@nestjs/common';
import type { SecurityContext } from '../auth/security-context';
import { type SearchResult, toProjectView } from './project-view';
import { SearchRepository, type Viewer } from './search.repository';

/**
 * GET /search: projects and repositories whose names contain the keyword, among those the
 * caller may see. Anonymous callers are allowed (they see public projects only).
 */
@Injectable()
export class SearchService {
  constructor(private readonly repo: SearchRepository) {}

  async search(ctx: SecurityContext, keyword: string): Promise<SearchResult> {
    const viewer = viewerOf(ctx);
    const [projects, repositories] = await Promise.all([this.repo.projects(viewer, keyword), this.repo.repositories(viewer, keyword)]);
    return { project: projects.map(toProjectView), repository: repositories };
  }
}

/** Harbor widens the view by membership only for local users; robots see what anonymous sees. */
export function viewerOf(ctx: SecurityContext): Viewer {
  if (ctx.isSysAdmin) return { kind: 'admin' };
  const p = ctx.principal;
  return p.kind === 'user' ? { kind: 'member', userId: p.user.id } : { kind: 'public' };
}
