import { ACTIONS, type Action, PROJECT_RESOURCES, type ProjectResource } from './resources';
import { permissionsOfRole, publicProjectCan, roleCan } from './project';
import { ProjectRole, type ProjectRoleName } from './roles';

// The expected matrix, written independently of matrix.ts from Harbor's rbac_role.go, in the
// notation of research/harbor.md: C create, R read, U update, D delete, L list, O operate,
// S stop, then whole words for pull/push. Columns: projectAdmin, maintainer, developer,
// guest, limitedGuest.
const ROLES: ProjectRoleName[] = ['projectAdmin', 'maintainer', 'developer', 'guest', 'limitedGuest'];
const EXPECTED: Record<ProjectResource, [string, string, string, string, string]> = {
  project: ['RUD', 'R', 'R', 'R', 'R'],
  member: ['CRUDL', 'RL', 'RL', 'RL', ''],
  metadata: ['CRUD', 'R', '', '', ''],
  log: ['L', '', '', '', ''],
  label: ['CRUDL', 'CRUDL', 'RL', 'RL', ''],
  quota: ['R', 'R', 'R', 'R', 'R'],
  repository: ['CRUDL pull push', 'CRUDL pull push', 'CRUL pull push', 'RL pull', 'RL pull'],
  artifact: ['CRDL', 'CRDL', 'CRL', 'RL', 'RL'],
  'artifact-addition': ['R', 'R', 'R', 'R', 'R'],
  tag: ['CDL', 'CDL', 'CL', 'L', 'L'],
  accessory: ['L', 'L', 'L', 'L', 'L'],
  'artifact-label': ['CD', 'CD', 'CD', '', ''],
  'tag-retention': ['CRUDLO', 'CRUDLO', 'CRUDLO', '', ''],
  'immutable-tag': ['CUDL', 'CUDL', '', '', ''],
  configuration: ['RU', 'R', 'R', 'R', 'R'],
  robot: ['CRUDL', 'RL', 'RL', 'RL', ''],
  'notification-policy': ['CRUDL', 'RL', '', '', ''],
  scan: ['CRS', 'CRS', 'R', 'R', 'R'],
  sbom: ['CRS', 'CRS', 'R', 'R', 'R'],
  scanner: ['CR', 'R', 'R', 'R', 'R'],
  'preheat-policy': ['CRUDL', '', '', '', ''],
  'export-cve': ['CRL', 'CRL', 'CRL', '', ''],
};
const PUBLIC: Partial<Record<ProjectResource, string>> = {
  project: 'R',
  label: 'RL',
  repository: 'L pull',
  scan: 'R',
  scanner: 'R',
  tag: 'L',
  artifact: 'RL',
  'artifact-addition': 'R',
  accessory: 'L',
};

const LETTERS: Record<string, Action> = { C: 'create', R: 'read', U: 'update', D: 'delete', L: 'list', O: 'operate', S: 'stop' };

function decode(cell: string): Action[] {
  const [letters = '', ...words] = cell.split(' ');
  const actions = [...letters].map((l) => LETTERS[l]).concat(words as Action[]);
  return ACTIONS.filter((a) => actions.includes(a));
}

const cells = ROLES.flatMap((role, column) =>
  PROJECT_RESOURCES.map((resource) => [role, resource, decode(EXPECTED[resource][column])] as const),
);

describe('roleCan: every role against every cell', () => {
  it.each(cells)('%s on %s', (role, resource, expected) => {
    expect(ACTIONS.filter((a) => roleCan(role, resource, a))).toEqual(expected);
    expect(ACTIONS.filter((a) => roleCan(ProjectRole[role], resource, a))).toEqual(expected);
  });

  it('gives no role scanner-pull: only the scanner robot holds it', () => {
    expect(cells.some(([role, resource]) => roleCan(role, resource, 'scanner-pull'))).toBe(false);
  });

  it('refuses unknown roles and unknown names', () => {
    expect(roleCan(9 as never, 'repository', 'pull')).toBe(false);
    expect(roleCan('owner' as never, 'repository', 'pull')).toBe(false);
    expect(roleCan('guest', 'repositories' as never, 'pull')).toBe(false);
    expect(roleCan('guest', 'repository', 'fetch' as never)).toBe(false);
  });
});

describe('permissionsOfRole', () => {
  it.each(ROLES)('%s lists exactly its cells', (role) => {
    const column = ROLES.indexOf(role);
    const expected = PROJECT_RESOURCES.flatMap((r) => decode(EXPECTED[r][column]).map((action) => `${r}:${action}`));
    const listed = permissionsOfRole(role).map((p) => `${p.resource}:${p.action}`);
    expect(listed.sort()).toEqual(expected.sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('returns copies, and nothing for an unknown role', () => {
    permissionsOfRole('guest')[0].action = 'delete';
    expect(roleCan('guest', 'project', 'delete')).toBe(false);
    expect(permissionsOfRole(0 as never)).toEqual([]);
  });
});

describe('publicProjectCan', () => {
  it.each(PROJECT_RESOURCES.map((r) => [r, decode(PUBLIC[r] ?? '')] as const))('%s', (resource, expected) => {
    expect(ACTIONS.filter((a) => publicProjectCan(resource, a))).toEqual(expected);
  });

  it('lets anyone pull and list but not read the repository or push', () => {
    expect(publicProjectCan('repository', 'pull')).toBe(true);
    expect(publicProjectCan('repository', 'read')).toBe(false);
    expect(publicProjectCan('repository', 'push')).toBe(false);
  });
});
