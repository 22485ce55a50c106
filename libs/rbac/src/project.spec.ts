import { ALL_PROJECT_PERMISSIONS, permissionsOfRole, projectCan, projectPermissions } from './project';
import { ACTIONS, PROJECT_RESOURCES, harborResourcePath } from './resources';

const pairs = PROJECT_RESOURCES.flatMap((resource) => ACTIONS.map((action) => [resource, action] as const));
const keyOf = (p: { resource: string; action: string }) => `${p.resource}:${p.action}`;

describe('projectCan', () => {
  it('gives anonymous callers nothing on a private project', () => {
    expect(pairs.some(([r, a]) => projectCan({ roles: [] }, r, a))).toBe(false);
  });

  it('gives anonymous callers the public grants on a public project', () => {
    const anon = { roles: [], isPublic: true };
    expect(projectCan(anon, 'repository', 'pull')).toBe(true);
    expect(projectCan(anon, 'label', 'list')).toBe(true);
    expect(projectCan(anon, 'repository', 'push')).toBe(false);
    expect(projectCan(anon, 'member', 'list')).toBe(false);
  });

  it('adds the public grants to a member role', () => {
    // limitedGuest has no label access of its own; a public project lends it label read/list.
    expect(projectCan({ roles: [5] }, 'label', 'list')).toBe(false);
    expect(projectCan({ roles: [5], isPublic: true }, 'label', 'list')).toBe(true);
  });

  it('unions several roles (a user in two groups)', () => {
    const both = { roles: [3, 2] };
    expect(projectCan(both, 'repository', 'push')).toBe(true);
    expect(projectCan(both, 'member', 'list')).toBe(true);
    expect(projectCan(both, 'repository', 'delete')).toBe(false);
  });

  it('ignores role ids Harbor does not know', () => {
    expect(projectCan({ roles: [0, 6] }, 'project', 'read')).toBe(false);
  });

  it('lets a system admin do anything but scanner-pull', () => {
    const admin = { roles: [], sysAdmin: true };
    expect(pairs.filter(([, a]) => a !== 'scanner-pull').every(([r, a]) => projectCan(admin, r, a))).toBe(true);
    expect(projectCan(admin, 'repository', 'scanner-pull')).toBe(false);
  });
});

describe('projectPermissions', () => {
  it('is the union of all roles for a system admin, without duplicates', () => {
    const union = new Set(['projectAdmin', 'maintainer', 'developer', 'guest', 'limitedGuest'].flatMap((r) => permissionsOfRole(r as never).map(keyOf)));
    const listed = projectPermissions({ roles: [], sysAdmin: true }).map(keyOf);
    expect(new Set(listed)).toEqual(union);
    expect(listed).toHaveLength(union.size);
    expect(ALL_PROJECT_PERMISSIONS.map(keyOf)).toEqual(listed);
  });

  it('is the role set for a plain member', () => {
    expect(projectPermissions({ roles: [2] }).map(keyOf).sort()).toEqual(permissionsOfRole(2).map(keyOf).sort());
  });

  it('is the public set for anonymous callers on a public project', () => {
    expect(projectPermissions({ roles: [], isPublic: true }).map(keyOf).sort()).toEqual(
      ['accessory:list', 'artifact-addition:read', 'artifact:list', 'artifact:read', 'label:list', 'label:read', 'project:read', 'repository:list', 'repository:pull', 'scan:read', 'scanner:read', 'tag:list'].sort(),
    );
  });
});

describe('harborResourcePath', () => {
  it.each([
    ['repository', 7, '/project/7/repository'],
    ['project', 7, '/project/7'],
    ['repository', undefined, 'repository'],
    ['project', undefined, '.'],
  ] as const)('%s in %p -> %s', (resource, id, expected) => {
    expect(harborResourcePath(resource, id)).toBe(expected);
  });
});
