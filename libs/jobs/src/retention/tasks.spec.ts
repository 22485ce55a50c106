import type { RetentionRule } from './policy';
import { retentionTasks } from './tasks';

const rule = (repository: string, disabled = false): RetentionRule => ({
  disabled, action: 'retain', template: 'always', params: {},
  tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }],
  scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: repository }] },
});

describe('retentionTasks', () => {
  const repos = ['lib/app', 'lib/tools/cli', 'lib/web', 'other/app'];

  it('gives one task per repository an enabled rule chooses, matching inside the project', () => {
    expect(retentionTasks(3, [rule('app'), rule('tools/**')], 'lib', repos, true)).toEqual([
      { policyId: 3, repository: 'lib/app', dryRun: true },
      { policyId: 3, repository: 'lib/tools/cli', dryRun: true },
    ]);
  });

  it('ignores disabled rules and repositories of other projects', () => {
    expect(retentionTasks(3, [rule('**', true)], 'lib', repos, false)).toEqual([]);
    expect(retentionTasks(3, [rule('**')], 'lib', repos, false).map((t) => t.repository)).toEqual(['lib/app', 'lib/tools/cli', 'lib/web']);
  });
});
