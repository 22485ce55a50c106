import { ProjectRole, highestRole, isProjectRoleId, isProjectRoleName, roleId, roleName } from './roles';

describe('project roles', () => {
  it.each([
    [1, 'projectAdmin'],
    [2, 'developer'],
    [3, 'guest'],
    [4, 'maintainer'],
    [5, 'limitedGuest'],
  ] as const)('%i <-> %s (Harbor ids, stored in project_member.role)', (id, name) => {
    expect(ProjectRole[name]).toBe(id);
    expect(roleName(id)).toBe(name);
    expect(roleId(name)).toBe(id);
    expect(isProjectRoleId(id)).toBe(true);
    expect(isProjectRoleName(name)).toBe(true);
  });

  it.each([0, 6, -1, 1.5, NaN])('knows no role %p', (id) => {
    expect(roleName(id)).toBeUndefined();
    expect(isProjectRoleId(id)).toBe(false);
  });

  it.each(['ProjectAdmin', 'admin', 'master', '', 'toString', '__proto__'])('knows no role name %p', (name) => {
    expect(roleId(name)).toBeUndefined();
    expect(isProjectRoleName(name)).toBe(false);
  });

  it('rejects non-numbers and non-strings', () => {
    expect(isProjectRoleId('1')).toBe(false);
    expect(isProjectRoleName(1)).toBe(false);
  });
});

describe('highestRole', () => {
  it.each<[number[], number | undefined]>([
    [[], undefined],
    [[9, 0], undefined],
    [[3], 3],
    [[2, 4], 4], // maintainer outranks developer though its id is larger
    [[4, 1], 1],
    [[5, 3], 3],
    [[5, 2, 3], 2],
    [[5], 5],
    [[7, 5, 8], 5],
    [[1, 2, 3, 4, 5], 1],
  ])('%p -> %p', (roles, expected) => {
    expect(highestRole(roles)).toBe(expected);
  });
});
