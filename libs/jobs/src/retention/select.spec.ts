import type { RetentionCandidate } from './candidate';
import type { RetentionRule, RetentionSelector } from './policy';
import { rulesFor, selectRetention } from './select';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2024, 0, 31);

function art(digest: string, tags: string[], pushedDaysAgo: number, pulledDaysAgo?: number, extra: Partial<RetentionCandidate> = {}): RetentionCandidate {
  return { digest, tags, pushedTime: NOW - pushedDaysAgo * DAY, pulledTime: pulledDaysAgo === undefined ? 0 : NOW - pulledDaysAgo * DAY, immutable: false, ...extra };
}

const ALL_TAGS: RetentionSelector = { kind: 'doublestar', decoration: 'matches', pattern: '**', extras: '{"untagged":true}' };
const ALL_REPOS: RetentionSelector = { kind: 'doublestar', decoration: 'repoMatches', pattern: '**' };

function rule(template: string, n?: number, tags: RetentionSelector[] = [ALL_TAGS], repos: RetentionSelector[] = [ALL_REPOS]): RetentionRule {
  return { action: 'retain', template, params: n === undefined ? {} : { [template]: n }, tag_selectors: tags, scope_selectors: { repository: repos } };
}

const digests = (cs: RetentionCandidate[]) => cs.map((c) => c.digest).sort();

describe('rule templates', () => {
  const arts = [art('a', ['1'], 1, 20), art('b', ['2'], 5, 2), art('c', ['3'], 10), art('d', ['4'], 30, 1)];

  it('latestPushedK keeps the K most recently pushed and deletes the rest', () => {
    const r = selectRetention('app', arts, [rule('latestPushedK', 2)], NOW);
    expect(digests(r.retained)).toEqual(['a', 'b']);
    expect(digests(r.deleted)).toEqual(['c', 'd']);
  });

  it('latestPulledN keeps the N most recently pulled; never-pulled ones fill places last', () => {
    expect(digests(selectRetention('app', arts, [rule('latestPulledN', 2)], NOW).retained)).toEqual(['b', 'd']);
    expect(digests(selectRetention('app', arts, [rule('latestPulledN', 4)], NOW).retained)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('nDaysSinceLastPush keeps what was pushed within the last N days', () => {
    expect(digests(selectRetention('app', arts, [rule('nDaysSinceLastPush', 7)], NOW).retained)).toEqual(['a', 'b']);
  });

  it('nDaysSinceLastPull keeps what was pulled within the last N days; never pulled is not kept', () => {
    expect(digests(selectRetention('app', arts, [rule('nDaysSinceLastPull', 3)], NOW).retained)).toEqual(['b', 'd']);
  });

  it('always keeps everything the selectors choose', () => {
    expect(selectRetention('app', arts, [rule('always')], NOW).deleted).toEqual([]);
  });
});

describe('tag selectors', () => {
  const arts = [art('rel', ['v1.0', 'latest'], 1), art('dev', ['dev-1'], 2), art('none', [], 3)];

  it('matches chooses artifacts with any tag matching; others are deleted', () => {
    const r = selectRetention('app', arts, [rule('always', undefined, [{ kind: 'doublestar', decoration: 'matches', pattern: 'v*' }])], NOW);
    expect(digests(r.retained)).toEqual(['rel']);
    expect(digests(r.deleted)).toEqual(['dev', 'none']);
  });

  it('excludes chooses artifacts with any tag outside the pattern (untagged ones too, by default)', () => {
    const r = selectRetention('app', arts, [rule('always', undefined, [{ kind: 'doublestar', decoration: 'excludes', pattern: 'dev-*' }])], NOW);
    expect(digests(r.retained)).toEqual(['none', 'rel']);
    expect(digests(r.deleted)).toEqual(['dev']);
  });

  it('untagged artifacts are chosen only when the selector says {"untagged":true}', () => {
    const withUntagged = { kind: 'doublestar', decoration: 'matches', pattern: 'v*', extras: '{"untagged":true}' };
    expect(digests(selectRetention('app', arts, [rule('always', undefined, [withUntagged])], NOW).retained)).toEqual(['none', 'rel']);
  });

  it('brace alternatives work as doublestar', () => {
    const r = selectRetention('app', arts, [rule('always', undefined, [{ kind: 'doublestar', decoration: 'matches', pattern: '{latest,dev-*}' }])], NOW);
    expect(digests(r.retained)).toEqual(['dev', 'rel']);
  });

  it('several tag selectors narrow each other', () => {
    const both = [{ kind: 'doublestar', decoration: 'matches', pattern: '{v*,dev-*}' }, { kind: 'doublestar', decoration: 'excludes', pattern: 'dev-*' }];
    expect(digests(selectRetention('app', arts, [rule('always', undefined, both)], NOW).retained)).toEqual(['rel']);
  });

  it('excludes with {"untagged":true} leaves untagged artifacts out; without it takes them in', () => {
    const excl = { kind: 'doublestar', decoration: 'excludes', pattern: 'v*' };
    expect(digests(selectRetention('app', arts, [rule('always', undefined, [excl])], NOW).retained)).toEqual(['dev', 'none', 'rel']);
    expect(digests(selectRetention('app', arts, [rule('always', undefined, [{ ...excl, extras: '{"untagged":true}' }])], NOW).retained)).toEqual(['dev', 'rel']);
  });
});

describe('repository selectors and the or algorithm', () => {
  it('repoMatches and repoExcludes choose the rules for a repository; ** crosses slashes, * does not', () => {
    const rules = [
      rule('always', undefined, [ALL_TAGS], [{ kind: 'doublestar', decoration: 'repoMatches', pattern: 'team/*' }]),
      rule('always', undefined, [ALL_TAGS], [{ kind: 'doublestar', decoration: 'repoExcludes', pattern: '**/cache' }]),
      { ...rule('always'), disabled: true },
    ];
    expect(rulesFor(rules, 'team/web')).toEqual([rules[0], rules[1]]);
    expect(rulesFor(rules, 'team/a/cache')).toEqual([]);
    expect(rulesFor(rules, 'team/cache')).toEqual([rules[0]]);
  });

  it('a repository no rule applies to keeps everything', () => {
    const rules = [rule('latestPushedK', 1, [ALL_TAGS], [{ kind: 'doublestar', decoration: 'repoMatches', pattern: 'other' }])];
    const r = selectRetention('app', [art('a', ['1'], 1), art('b', ['2'], 2)], rules, NOW);
    expect(r.deleted).toEqual([]);
  });

  it('retains the union of what each rule retains', () => {
    const arts = [art('new', ['dev-2'], 1), art('old', ['v1'], 50), art('mid', ['dev-1'], 5)];
    const rules = [rule('latestPushedK', 1), rule('always', undefined, [{ kind: 'doublestar', decoration: 'matches', pattern: 'v*' }])];
    const r = selectRetention('app', arts, rules, NOW);
    expect(digests(r.retained)).toEqual(['new', 'old']);
    expect(digests(r.deleted)).toEqual(['mid']);
  });

  it('never deletes an immutable artifact', () => {
    const arts = [art('new', ['1'], 1), art('locked', ['2'], 9, undefined, { immutable: true }), art('old', ['3'], 10)];
    const r = selectRetention('app', arts, [rule('latestPushedK', 1)], NOW);
    expect(digests(r.retained)).toEqual(['locked', 'new']);
    expect(digests(r.deleted)).toEqual(['old']);
  });
});
