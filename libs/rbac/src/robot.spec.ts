import { robotGrantablePermissions, validateRobotAccess, validateRobotPermissions, type RobotPermission } from './robot';

const access = (pairs: string) =>
  pairs.split(' ').map((p) => {
    const [resource, action] = p.split(':');
    return { resource, action };
  });

describe('robotGrantablePermissions', () => {
  it('holds Harbor NolimitProvider lists: 70 project and 70 system permissions, no duplicates', () => {
    for (const kind of ['project', 'system'] as const) {
      const keys = robotGrantablePermissions(kind as 'project').map((p) => `${p.resource}:${p.action}`);
      expect(keys).toHaveLength(70);
      expect(new Set(keys).size).toBe(70);
    }
  });
});

describe('validateRobotAccess', () => {
  it.each(['project', 'system'] as const)('accepts everything grantable at %s level', (kind) => {
    expect(validateRobotAccess(kind, robotGrantablePermissions(kind as 'project'))).toEqual({ valid: true });
  });

  it.each([
    ['project', 'repository:pull repository:push artifact:read tag:create project:read metadata:list member:delete export-cve:create'],
    ['system', 'project:create project:list user:delete ldap-user:create quota:update catalog:read scan-all:stop jobservice-monitor:stop'],
  ])('accepts %s access %s', (kind, pairs) => {
    expect(validateRobotAccess(kind, access(pairs))).toEqual({ valid: true });
  });

  it.each([
    // Grantable to roles but not to robots.
    ['project', 'repository:create'],
    ['project', 'robot:update'],
    ['project', 'tag-retention:operate'],
    ['project', 'export-cve:list'],
    ['project', 'repository:scanner-pull'],
    ['project', 'configuration:read'],
    // Belongs to the other level.
    ['project', 'user:create'],
    ['project', 'project:create'],
    ['system', 'repository:pull'],
    ['system', 'project:read'],
    ['system', 'robot:update'],
    ['system', 'label:list'],
    // Nonsense.
    ['project', '*:*'],
    ['project', 'repository:*'],
    ['project', 'Repository:pull'],
  ])('refuses %s access %s', (kind, pair) => {
    // A valid entry first: the whole list is refused for the one bad entry.
    const valid = kind === 'project' ? 'repository:pull' : 'catalog:read';
    expect(validateRobotAccess(kind, access(`${valid} ${pair}`))).toEqual({
      valid: false,
      message: `bad request permission: ${pair}`,
    });
  });

  it('refuses an unknown kind, an empty list, a null entry and an unknown effect', () => {
    expect(validateRobotAccess('global', access('repository:pull'))).toEqual({ valid: false, message: 'bad request permission level: global' });
    expect(validateRobotAccess('project', [])).toEqual({ valid: false, message: 'bad request empty access' });
    expect(validateRobotAccess('project', [null as never])).toEqual({ valid: false, message: 'bad request empty access' });
    expect(validateRobotAccess('project', [{ resource: 'repository', action: 'pull', effect: 'maybe' }])).toEqual({
      valid: false,
      message: 'bad request permission effect: maybe',
    });
  });

  it('accepts the allow and deny effects', () => {
    const entries = ['', 'allow', 'deny'].map((effect) => ({ resource: 'repository', action: 'pull', effect }));
    expect(validateRobotAccess('project', entries)).toEqual({ valid: true });
  });
});

describe('validateRobotPermissions', () => {
  const project = (namespace: string, pairs = 'repository:pull'): RobotPermission => ({ kind: 'project', namespace, access: access(pairs) });
  const system: RobotPermission = { kind: 'system', namespace: '/', access: access('project:create') };

  it.each<[string, RobotPermission[]]>([
    ['project', [project('library')]],
    ['system', [system]],
    ['system', [system, project('library'), project('*', 'repository:pull repository:push')]],
    ['system', [project('*')]],
  ])('accepts a %s robot %#', (level, permissions) => {
    expect(validateRobotPermissions(level, permissions)).toEqual({ valid: true });
  });

  it.each<[string, RobotPermission[], string]>([
    ['admin', [project('library')], 'bad request error level input: admin'],
    ['project', [], 'bad request empty permission'],
    ['project', [null as never], 'bad request empty permission'],
    ['project', [project('a'), project('b')], 'bad request permission'],
    ['project', [project('*')], 'bad request permission'],
    ['project', [system], 'bad request permission'],
    ['system', [{ ...system, namespace: 'library' }], 'unknown namespace'],
    ['system', [project('')], 'bad request permission namespace'],
    ['system', [project('library', 'user:create')], 'bad request permission: user:create'],
    ['system', [{ kind: 'project', namespace: 'x', access: [] }], 'bad request empty access'],
  ])('refuses a %s robot %#', (level, permissions, message) => {
    expect(validateRobotPermissions(level, permissions)).toEqual({ valid: false, message });
  });
});
