import { OciError } from './errors';
import {
  assertRepositoryName,
  isValidRepositoryName,
  isValidTag,
  MAX_REPOSITORY_NAME_LENGTH,
  parseReference,
} from './reference';
import { thrown } from './testing/thrown';

const HEX = 'a'.repeat(64);

describe('repository names', () => {
  // 255 characters: 127 two-character components "a/" plus one more "a".
  const longest = `${'a/'.repeat(127)}a`;

  it.each([
    'a',
    'library/ubuntu',
    'a/b-c/d__e/f.g',
    'a0/b_c/d--e/f---g',
    'blobs/manifests/tags/uploads',
    '0/9',
    longest,
  ])('accepts %p', (name) => {
    expect(isValidRepositoryName(name)).toBe(true);
    expect(() => assertRepositoryName(name)).not.toThrow();
  });

  it.each([
    ['empty', ''],
    ['dot-dot', '..'],
    ['dot-dot segment', 'a/../b'],
    ['percent-encoded dot-dot', '%2e%2e'],
    ['percent-encoded slash', 'a%2Fb'],
    ['absolute', '/abs'],
    ['upper case', 'Upper'],
    ['double slash', 'a//b'],
    ['trailing slash', 'a/'],
    ['trailing dash', 'a-'],
    ['trailing dash in a component', 'a-/b'],
    ['leading separator', '-a'],
    ['triple underscore', 'a___b'],
    ['double dot', 'a..b'],
    ['space', 'a b'],
    ['colon', 'a:b'],
    ['256 characters', `${'a/'.repeat(127)}ab`],
    ['very long', 'a'.repeat(10_000)],
  ])('refuses %s', (_label, name) => {
    expect(isValidRepositoryName(name)).toBe(false);
    const err = thrown(() => assertRepositoryName(name));
    expect(err).toBeInstanceOf(OciError);
    expect(err).toMatchObject({ code: 'NAME_INVALID', status: 400, detail: { name } });
  });

  it('has the spec length limit', () => {
    expect(MAX_REPOSITORY_NAME_LENGTH).toBe(255);
    expect(longest).toHaveLength(255);
  });
});

describe('isValidTag', () => {
  it.each(['latest', 'v1.2.3', '_private', 'A-b_C.d', '1', 'a'.repeat(128)])('accepts %p', (tag) => {
    expect(isValidTag(tag)).toBe(true);
  });

  it.each(['', '.hidden', '-dash', 'a'.repeat(129), 'a/b', 'a:b', 'a b', 'é', `sha256:${HEX}`])(
    'refuses %p',
    (tag) => {
      expect(isValidTag(tag)).toBe(false);
    },
  );
});

describe('parseReference', () => {
  it('reads a tag', () => {
    expect(parseReference('v1.0')).toEqual({ kind: 'tag', tag: 'v1.0' });
  });

  it('reads a digest', () => {
    expect(parseReference(`sha256:${HEX}`)).toEqual({
      kind: 'digest',
      digest: { algorithm: 'sha256', hex: HEX, digest: `sha256:${HEX}` },
    });
  });

  it.each(['', '.x', 'a'.repeat(129), 'sha256:abc', `md5:${HEX}`, `sha256:${HEX.toUpperCase()}`, 'a/b'])(
    'returns undefined for %p',
    (ref) => {
      expect(parseReference(ref)).toBeUndefined();
    },
  );
});
