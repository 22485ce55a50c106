import { matchesSelector, type Selector, type SelectorDecoration, UNTAGGED, validateSelector } from './selectors';

const sel = (decoration: SelectorDecoration, pattern: string, extras?: string): Selector => ({ kind: 'doublestar', decoration, pattern, ...(extras ? { extras } : {}) });

describe('matchesSelector', () => {
  it.each([
    ['**', 'anything/at/all', true],
    ['*', 'hello', true],
    ['*', 'team/hello', false], // a single star stops at "/"
    ['team/**', 'team/a/b', true],
    ['**/hello', 'a/b/hello', true],
    ['v?.*', 'v1.2', true],
    ['v?.*', 'v10.2', false],
    ['{prod,stage}-*', 'stage-7', true],
    ['{prod,stage}-*', 'dev-7', false],
    ['[0-9]*', '1.0', true],
    ['[!0-9]*', '1.0', false],
    ['.hidden*', '.hidden-tag', true],
    ['!x', '!x', true], // no negation: "!" is a literal
    ['#x', '#x', true], // no comments
    ['+(a|b)', 'a', false], // no extglobs
    ['1.0', '1.0', true],
    ['1.0', '1.01', false],
  ])('pattern %s against %s is %s for matches', (pattern, value, expected) => {
    expect(matchesSelector(sel('matches', pattern), value)).toBe(expected);
    expect(matchesSelector(sel('repoMatches', pattern), value)).toBe(expected);
    expect(matchesSelector(sel('excludes', pattern), value)).toBe(!expected);
    expect(matchesSelector(sel('repoExcludes', pattern), value)).toBe(!expected);
  });

  it('lets "untagged" decide for an artifact without tags, as Harbor does', () => {
    expect(matchesSelector(sel('matches', '**'), UNTAGGED)).toBe(false);
    expect(matchesSelector(sel('matches', '**', '{"untagged":true}'), UNTAGGED)).toBe(true);
    expect(matchesSelector(sel('matches', '**', '{"untagged":false}'), UNTAGGED)).toBe(false);
    expect(matchesSelector(sel('excludes', 'x'), UNTAGGED)).toBe(true);
    expect(matchesSelector(sel('excludes', 'x', '{"untagged":true}'), UNTAGGED)).toBe(false);
    // "untagged" only concerns tag selectors.
    expect(matchesSelector(sel('repoMatches', '**', '{"untagged":false}'), 'repo')).toBe(true);
  });
});

describe('validateSelector', () => {
  const TAG = ['matches', 'excludes'] as const;

  it('accepts well-formed doublestar selectors', () => {
    for (const s of [sel('matches', '**'), sel('excludes', '{a,b}-[0-9]*', '{"untagged":true}'), sel('matches', 'a\\*b'), sel('matches', 'x', '{}')]) {
      expect(() => validateSelector(s, TAG)).not.toThrow();
    }
  });

  it.each([
    [{ kind: 'regex', decoration: 'matches', pattern: '**' }, 'unsupported selector kind "regex": only doublestar is supported'],
    [{ decoration: 'matches', pattern: '**' }, 'unsupported selector kind "": only doublestar is supported'],
    [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }, 'invalid selector decoration "repoMatches": must be matches or excludes'],
    [{ kind: 'doublestar', decoration: 'matches', pattern: '' }, 'selector pattern cannot be empty'],
    [{ kind: 'doublestar', decoration: 'matches', pattern: 'v[0-9' }, 'invalid selector pattern "v[0-9": a character class is not closed'],
    [{ kind: 'doublestar', decoration: 'matches', pattern: '{a,b' }, 'invalid selector pattern "{a,b": a brace is not closed'],
    [{ kind: 'doublestar', decoration: 'matches', pattern: 'a\\' }, 'invalid selector pattern "a\\": it ends with an unfinished escape'],
    [{ kind: 'doublestar', decoration: 'matches', pattern: '*', extras: '{untagged' }, 'invalid selector extras "{untagged": not JSON'],
    [{ kind: 'doublestar', decoration: 'matches', pattern: '*', extras: '[]' }, 'invalid selector extras "[]": must be a JSON object'],
    [{ kind: 'doublestar', decoration: 'matches', pattern: '*', extras: '{"untagged":"yes"}' }, 'invalid selector extras "{"untagged":"yes"}": untagged must be a boolean'],
  ])('rejects %j', (selector, message) => {
    expect(() => validateSelector(selector, TAG)).toThrow(message);
  });
});
