// Docker token scopes -> Harbor permissions, for "repository:<project>/<repo>:<actions>".
// Harbor's token service (src/core/service/token/creator.go, actionScopeMap) checks each
// registry action on the project's *repository* resource, delete included: the /v2 auth
// middleware checks DELETE requests the same way (v2auth: DELETE -> repository delete).
import type { Action, ProjectResource } from './resources';

/** Actions a repository scope may carry, in the order granted lists are returned. */
export const REPOSITORY_SCOPE_ACTIONS = ['pull', 'push', 'delete', 'scanner-pull'] as const;
export type RepositoryScopeAction = (typeof REPOSITORY_SCOPE_ACTIONS)[number];

/** Scope action -> the permission checked (always on the repository resource). */
export const SCOPE_ACTION_PERMISSION: Readonly<Record<RepositoryScopeAction, { resource: ProjectResource; action: Action }>> = {
  pull: { resource: 'repository', action: 'pull' },
  push: { resource: 'repository', action: 'push' },
  delete: { resource: 'repository', action: 'delete' },
  'scanner-pull': { resource: 'repository', action: 'scanner-pull' },
};

const isScopeAction = (a: string): a is RepositoryScopeAction =>
  (REPOSITORY_SCOPE_ACTIONS as readonly string[]).includes(a);

/**
 * The requested actions the caller may have, in canonical order; "*" asks for everything the
 * caller has. Unknown actions and denied ones are dropped, and a throwing `can` counts as a
 * denial: a token request is never failed over a scope (the registry then answers 401/403).
 *
 * Harbor itself ignores the requested list and grants every permitted action; granting only
 * what was asked keeps tokens least-privileged, and clients request what they need
 * (docker push asks "pull,push"; deletes ask "delete" or "*").
 */
export function repositoryActionsAllowed(
  can: (resource: ProjectResource, action: Action) => boolean,
  requested: readonly string[],
): RepositoryScopeAction[] {
  const wanted = new Set(requested.includes('*') ? REPOSITORY_SCOPE_ACTIONS : requested.filter(isScopeAction));
  return REPOSITORY_SCOPE_ACTIONS.filter((a) => wanted.has(a) && safeCan(can, a));
}

function safeCan(can: (resource: ProjectResource, action: Action) => boolean, a: RepositoryScopeAction): boolean {
  const { resource, action } = SCOPE_ACTION_PERMISSION[a];
  try {
    return can(resource, action) === true;
  } catch {
    return false;
  }
}
