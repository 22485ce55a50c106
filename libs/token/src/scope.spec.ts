import { type AccessEntry, formatScope, parseScope, parseScopeEntry } from './scope';

describe('parseScope', () => {
  it.each<[string, AccessEntry[]]>([
    ['repository:library/ubuntu:pull', [{ type: 'repository', name: 'library/ubuntu', actions: ['pull'] }]],
    ['repository:library/ubuntu:pull,push', [{ type: 'repository', name: 'library/ubuntu', actions: ['pull', 'push'] }]],
    ['repository:p/r:pull,push,delete,scanner-pull', [{ type: 'repository', name: 'p/r', actions: ['pull', 'push', 'delete', 'scanner-pull'] }]],
    ['registry:catalog:*', [{ type: 'registry', name: 'catalog', actions: ['*'] }]],
    ['repository:host:5000/x:pull', [{ type: 'repository', name: 'host:5000/x', actions: ['pull'] }]],
    ['repository:a:b:c/d:push', [{ type: 'repository', name: 'a:b:c/d', actions: ['push'] }]],
    ['repository(plugin):vieux/sshfs:pull', [{ type: 'repository(plugin)', name: 'vieux/sshfs', actions: ['pull'] }]],
    ['repository:p/r:pull,,push,pull', [{ type: 'repository', name: 'p/r', actions: ['pull', 'push'] }]],
    [
      'repository:p/a:pull repository:p/b:push',
      [
        { type: 'repository', name: 'p/a', actions: ['pull'] },
        { type: 'repository', name: 'p/b', actions: ['push'] },
      ],
    ],
    [
      '  repository:p/a:pull   bogus registry:catalog:*  ',
      [
        { type: 'repository', name: 'p/a', actions: ['pull'] },
        { type: 'registry', name: 'catalog', actions: ['*'] },
      ],
    ],
    ['', []],
    ['repository', []],
    ['repository:p/r', []],
    ['repository::pull', []],
    ['repository:p/r:', []],
    ['repository:p/r:,', []],
    [':p/r:pull', []],
    ['Repository:p/r:pull', []],
    ['repository:p/r:pull;rm -rf', []],
    ['repository:p/r:PULL', []],
  ])('%p', (scope, entries) => {
    expect(parseScope(scope)).toEqual(entries);
  });
});

describe('parseScopeEntry', () => {
  it('returns undefined for an invalid scope', () => {
    expect(parseScopeEntry('pull')).toBeUndefined();
    expect(parseScopeEntry('repository:p/r:pull')).toEqual({ type: 'repository', name: 'p/r', actions: ['pull'] });
  });
});

describe('formatScope', () => {
  it.each([
    'repository:library/ubuntu:pull,push',
    'repository:host:5000/x:pull',
    'registry:catalog:*',
  ])('round-trips %p', (scope) => {
    const [entry] = parseScope(scope);
    expect(formatScope(entry)).toBe(scope);
  });

  it('joins actions with commas', () => {
    expect(formatScope({ type: 'repository', name: 'p/r', actions: ['pull', 'push'] })).toBe('repository:p/r:pull,push');
  });
});
