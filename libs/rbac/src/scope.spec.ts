import { projectCan, roleCan } from './project';
import type { Action, ProjectResource } from './resources';
import { repositoryActionsAllowed } from './scope';

const asRole = (role: number) => (r: ProjectResource, a: Action) => roleCan(role as never, r, a);

describe('repositoryActionsAllowed', () => {
  it.each<[string, number, string[], string[]]>([
    ['admin pull,push', 1, ['pull', 'push'], ['pull', 'push']],
    ['admin *', 1, ['*'], ['pull', 'push', 'delete']],
    ['admin delete', 1, ['delete'], ['delete']],
    ['maintainer *', 4, ['*'], ['pull', 'push', 'delete']],
    ['developer *', 2, ['*'], ['pull', 'push']],
    ['developer delete', 2, ['delete'], []],
    ['guest pull,push', 3, ['pull', 'push'], ['pull']],
    ['limited guest *', 5, ['*'], ['pull']],
    ['canonical order, duplicates merged', 1, ['push', 'pull', 'push'], ['pull', 'push']],
    ['unknown actions dropped', 1, ['pull', 'PULL', 'read', 'create', ''], ['pull']],
    ['nothing requested', 1, [], []],
  ])('%s', (_name, role, requested, expected) => {
    expect(repositoryActionsAllowed(asRole(role), requested)).toEqual(expected);
  });

  it('checks every action on the repository resource, delete included (not artifact)', () => {
    const asked: string[] = [];
    repositoryActionsAllowed((r, a) => (asked.push(`${r}:${a}`), true), ['*']);
    expect(asked).toEqual(['repository:pull', 'repository:push', 'repository:delete', 'repository:scanner-pull']);
  });

  it('grants scanner-pull only to who holds it (the scanner robot), not to a system admin', () => {
    const scannerRobot = (r: ProjectResource, a: Action) => r === 'repository' && (a === 'pull' || a === 'scanner-pull');
    expect(repositoryActionsAllowed(scannerRobot, ['pull', 'scanner-pull'])).toEqual(['pull', 'scanner-pull']);
    const admin = (r: ProjectResource, a: Action) => projectCan({ roles: [], sysAdmin: true }, r, a);
    expect(repositoryActionsAllowed(admin, ['*'])).toEqual(['pull', 'push', 'delete']);
  });

  it('gives anonymous callers pull on a public project only', () => {
    const anon = (isPublic: boolean) => (r: ProjectResource, a: Action) => projectCan({ roles: [], isPublic }, r, a);
    expect(repositoryActionsAllowed(anon(true), ['pull', 'push'])).toEqual(['pull']);
    expect(repositoryActionsAllowed(anon(false), ['pull'])).toEqual([]);
  });

  it('never throws: a failing or non-boolean check is a denial', () => {
    const boom = () => {
      throw new Error('db down');
    };
    expect(repositoryActionsAllowed(boom, ['*'])).toEqual([]);
    expect(repositoryActionsAllowed(() => 'yes' as never, ['pull'])).toEqual([]);
  });
});
