import { robotCan, robotCanSystem, type RobotPermission } from './robot';

const perm = (kind: string, namespace: string, ...entries: string[]): RobotPermission => ({
  kind,
  namespace,
  access: entries.map((e) => {
    const [resource, action, effect] = e.split(':');
    return { resource, action, effect };
  }),
});

describe('robotCan (project-level robot)', () => {
  const robot = [perm('project', 'library', 'repository:push', 'artifact:read', 'project:read')];

  it('allows what was granted, in its own project only', () => {
    expect(robotCan(robot, 'library', 'repository', 'push', 'project')).toBe(true);
    expect(robotCan(robot, 'library', 'artifact', 'read', 'project')).toBe(true);
    expect(robotCan(robot, 'library', 'project', 'read', 'project')).toBe(true);
    expect(robotCan(robot, 'other', 'repository', 'push', 'project')).toBe(false);
    expect(robotCan(robot, 'library', 'artifact', 'delete', 'project')).toBe(false);
    expect(robotCan(robot, 'library', 'repository', 'delete', 'project')).toBe(false);
  });

  it('gets pull with push (Harbor filterRobotPolicies)', () => {
    expect(robotCan(robot, 'library', 'repository', 'pull', 'project')).toBe(true);
  });

  it('gets the implied pull even beside a denied push, but not past a denied pull', () => {
    expect(robotCan([perm('project', 'p', 'repository:push:deny')], 'p', 'repository', 'pull', 'project')).toBe(true);
    expect(robotCan([perm('project', 'p', 'repository:push:deny')], 'p', 'repository', 'push', 'project')).toBe(false);
    expect(robotCan([perm('project', 'p', 'repository:push', 'repository:pull:deny')], 'p', 'repository', 'pull', 'project')).toBe(false);
  });

  it('ignores a "*" namespace, which Harbor cannot resolve for a project robot', () => {
    expect(robotCan([perm('project', '*', 'repository:pull')], 'library', 'repository', 'pull', 'project')).toBe(false);
  });
});

describe('robotCan (system-level robot, the default level)', () => {
  it('matches a named project or "*" for every project', () => {
    const robot = [perm('project', 'library', 'repository:push'), perm('project', '*', 'artifact:read')];
    expect(robotCan(robot, 'library', 'repository', 'push')).toBe(true);
    expect(robotCan(robot, 'other', 'repository', 'push')).toBe(false);
    expect(robotCan(robot, 'other', 'artifact', 'read')).toBe(true);
    expect(robotCan(robot, 'library', 'artifact', 'read', 'system')).toBe(true);
  });

  it('gets no implied pull from push', () => {
    expect(robotCan([perm('project', 'library', 'repository:push')], 'library', 'repository', 'pull')).toBe(false);
  });

  it('lets a deny beat an allow, across entries and namespaces', () => {
    const robot = [perm('project', '*', 'repository:pull'), perm('project', 'secret', 'repository:pull:deny')];
    expect(robotCan(robot, 'library', 'repository', 'pull')).toBe(true);
    expect(robotCan(robot, 'secret', 'repository', 'pull')).toBe(false);
  });

  it('treats "*" as any action, and ignores system permissions and unknown effects', () => {
    expect(robotCan([perm('project', 'p', 'tag:*')], 'p', 'tag', 'delete')).toBe(true);
    expect(robotCan([perm('system', '/', 'repository:pull')], 'p', 'repository', 'pull')).toBe(false);
    expect(robotCan([perm('project', 'p', 'repository:pull:maybe')], 'p', 'repository', 'pull')).toBe(false);
    expect(robotCan([], 'p', 'repository', 'pull')).toBe(false);
  });

  it('does not widen a grant on "project" to the project\'s sub-resources', () => {
    expect(robotCan([perm('project', '*', 'project:read')], 'p', 'repository', 'read')).toBe(false);
  });
});

describe('robotCanSystem', () => {
  const robot = [perm('system', '/', 'project:create', 'user:list', 'user:delete:deny'), perm('project', '*', 'repository:pull')];

  it('checks system permissions only', () => {
    expect(robotCanSystem(robot, 'project', 'create')).toBe(true);
    expect(robotCanSystem(robot, 'user', 'list')).toBe(true);
    expect(robotCanSystem(robot, 'user', 'delete')).toBe(false);
    expect(robotCanSystem(robot, 'project', 'list')).toBe(false);
    expect(robotCanSystem([perm('system', 'library', 'catalog:read')], 'catalog', 'read')).toBe(false);
  });
});
