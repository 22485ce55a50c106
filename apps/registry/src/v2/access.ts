import type { V2Route } from '@harbor-ts/oci';
import type { AccessEntry } from '@harbor-ts/token';

/**
 * What a request needs from a token, as in the Docker token spec: pull to read, push to
 * write (uploads included), delete to delete; the catalog needs registry:catalog:*.
 * `/v2/` itself needs any valid token and no scope (the client's login probe).
 */
export function requiredAccess(route: V2Route, method: string): AccessEntry | undefined {
  switch (route.kind) {
    case 'base':
      return undefined;
    case 'catalog':
      return { type: 'registry', name: 'catalog', actions: ['*'] };
    case 'uploads':
    case 'upload':
      return { type: 'repository', name: route.name, actions: ['push'] };
    default:
      return { type: 'repository', name: route.name, actions: [actionFor(method)] };
  }
}

function actionFor(method: string): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return 'pull';
    case 'DELETE':
      return 'delete';
    default:
      return 'push';
  }
}
