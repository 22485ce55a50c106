import { Injectable } from '@nestjs/common';
import { OciError, type V2Route } from '@harbor-ts/oci';
import { repositoryActionsAllowed } from '@harbor-ts/rbac';
import { AccessService } from '../auth/access.service';
import { ProjectDirectory, type ProjectRef } from '../auth/project-directory';
import type { V2Caller } from './v2-caller';

/** Raised to answer 401 with a Bearer challenge for `scope` (empty for /v2/ itself). */
export class ChallengeError extends Error {
  constructor(readonly scope: string, readonly error?: 'invalid_token' | 'insufficient_scope') {
    super('authentication required');
  }
}

export type RepositoryRoute = Exclude<V2Route, { kind: 'base' } | { kind: 'catalog' }>;

/** The scope actions a request needs: reads pull, writes push, manifest deletes delete. */
export function actionsFor(route: RepositoryRoute, method: string): string[] {
  if (method === 'GET' || method === 'HEAD') return ['pull'];
  if (method === 'DELETE' && route.kind === 'manifest') return ['delete'];
  return ['pull', 'push'];
}

/**
 * Authorises one /v2 request on a repository. A token must list the repository with every
 * needed action and be newer than the project; a Basic or anonymous caller is checked against
 * RBAC directly. Missing credentials get a challenge; insufficient ones DENIED.
 */
@Injectable()
export class V2Access {
  constructor(private readonly projects: ProjectDirectory, private readonly access: AccessService) {}

  async authorizeRepository(caller: V2Caller, name: string, needed: string[]): Promise<ProjectRef> {
    const scope = `repository:${name}:${needed.join(',')}`;
    if (caller.kind === 'rejected') throw new ChallengeError(scope, 'invalid_token');
    // Harbor challenges every request without credentials, public projects included: clients
    // then fetch an anonymous token, which is what docker and containerd expect to do.
    if (caller.kind === 'context' && !caller.ctx.isAuthenticated) throw new ChallengeError(scope);
    const project = name.includes('/') ? await this.projects.byName(name.split('/')[0]) : undefined;
    if (!project) throw OciError.of('NAME_UNKNOWN', { name }, `project ${name.split('/')[0]} not found`);
    const granted = await this.granted(caller, project, name, needed);
    if (needed.every((a) => granted.includes(a))) return project;
    if (caller.kind === 'token' && granted.length === 0) throw new ChallengeError(scope, 'insufficient_scope');
    throw OciError.of('DENIED', undefined, 'requested access to the resource is denied');
  }

  private async granted(caller: Exclude<V2Caller, { kind: 'rejected' }>, project: ProjectRef, name: string, needed: string[]): Promise<string[]> {
    if (caller.kind === 'token') {
      // A token minted before the project existed was granted for another project of that name.
      if ((caller.claims.iat ?? 0) < Math.floor(project.creationTime.getTime() / 1000)) return [];
      return caller.claims.access.filter((a) => a.type === 'repository' && a.name === name).flatMap((a) => a.actions);
    }
    return repositoryActionsAllowed(await this.access.evaluator(caller.ctx, project), needed);
  }

  /** The catalog: sysadmin, or a token granted registry:catalog:*. */
  canReadCatalog(caller: V2Caller): boolean {
    if (caller.kind === 'token') return caller.claims.access.some((a) => a.type === 'registry' && a.name === 'catalog' && a.actions.includes('*'));
    return caller.kind === 'context' && (caller.ctx.isSysAdmin || this.access.canSystem(caller.ctx, 'catalog', 'read'));
  }

  isAuthenticated(caller: V2Caller): boolean {
    return caller.kind === 'token' || (caller.kind === 'context' && caller.ctx.isAuthenticated);
  }
}
