import { Digester, digestOf, isDigest, parseDigest } from './digest';
import { OciError } from './errors';
import { thrown } from './testing/thrown';

const SHA256_EMPTY = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA256_ABC = 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SHA512_ABC =
  'sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f';

describe('parseDigest / isDigest', () => {
  it.each([
    [SHA256_EMPTY, 'sha256', SHA256_EMPTY.slice(7)],
    [SHA256_ABC, 'sha256', SHA256_ABC.slice(7)],
    [SHA512_ABC, 'sha512', SHA512_ABC.slice(7)],
  ])('accepts %s', (value, algorithm, hex) => {
    expect(parseDigest(value)).toEqual({ algorithm, hex, digest: value });
    expect(isDigest(value)).toBe(true);
  });

  const hex64 = SHA256_ABC.slice(7);
  it.each([
    ['empty', ''],
    ['no algorithm', `:${hex64}`],
    ['no encoded part', 'sha256:'],
    ['no colon', hex64],
    ['upper-case hex', `sha256:${hex64.toUpperCase()}`],
    ['upper-case algorithm', `SHA256:${hex64}`],
    ['short hex', `sha256:${hex64.slice(1)}`],
    ['long hex', `sha256:${hex64}0`],
    ['sha512 length under sha256', `sha256:${SHA512_ABC.slice(7)}`],
    ['sha256 length under sha512', `sha512:${hex64}`],
    ['non-hex characters', `sha256:${'g'.repeat(64)}`],
    ['unregistered algorithm', `md5:${'0'.repeat(32)}`],
    ['unregistered algorithm with separators', `multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8`],
    ['separator at start', `+sha256:${hex64}`],
    ['two colons', `sha256:sha256:${hex64}`],
    ['trailing newline', `${SHA256_ABC}\n`],
    ['surrounding space', ` ${SHA256_ABC}`],
    ['path traversal', 'sha256:../../etc/passwd'],
  ])('refuses %s', (_label, value) => {
    expect(isDigest(value)).toBe(false);
    const err = thrown(() => parseDigest(value));
    expect(err).toBeInstanceOf(OciError);
    expect(err).toMatchObject({ code: 'DIGEST_INVALID', status: 400, detail: { digest: value } });
  });

  it('refuses non-strings handed over from untyped JSON', () => {
    expect(isDigest(42 as unknown as string)).toBe(false);
    expect(() => parseDigest(undefined as unknown as string)).toThrow(OciError);
  });
});

describe('digestOf', () => {
  it.each([
    ['', 'sha256', SHA256_EMPTY],
    ['abc', 'sha256', SHA256_ABC],
    ['abc', 'sha512', SHA512_ABC],
  ] as const)('digests %p with %s', (data, algorithm, expected) => {
    expect(digestOf(data, algorithm)).toBe(expected);
    expect(digestOf(Buffer.from(data), algorithm)).toBe(expected);
  });

  it('defaults to sha256', () => {
    expect(digestOf('abc')).toBe(SHA256_ABC);
  });

  it('encodes strings as UTF-8', () => {
    expect(digestOf('é')).toBe(digestOf(Buffer.from([0xc3, 0xa9])));
  });
});

describe('Digester', () => {
  it('digests chunks as one and counts their bytes', () => {
    const digester = new Digester();
    expect(digester.bytes).toBe(0);
    digester.update(Buffer.from('a')).update(Buffer.from('')).update(Buffer.from('bc'));
    expect(digester.bytes).toBe(3);
    expect(digester.digest()).toBe(SHA256_ABC);
  });

  it('supports sha512', () => {
    expect(new Digester('sha512').update(Buffer.from('abc')).digest()).toBe(SHA512_ABC);
  });

  it('produces a digest that parseDigest accepts', () => {
    expect(isDigest(new Digester().digest())).toBe(true);
  });

  it('is finalized by digest()', () => {
    const digester = new Digester().update(Buffer.from('abc'));
    digester.digest();
    expect(() => digester.digest()).toThrow('Digester already finalized');
    expect(() => digester.update(Buffer.from('x'))).toThrow('Digester already finalized');
    expect(digester.bytes).toBe(3);
  });
});
