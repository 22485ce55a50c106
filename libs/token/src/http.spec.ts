import { basicCredentials, bearerToken, challengeHeader } from './http';

describe('challengeHeader', () => {
  const realm = 'https://reg.example.com/service/token';

  it('names realm and service', () => {
    expect(challengeHeader({ realm, service: 'harbor-registry' })).toBe(
      'Bearer realm="https://reg.example.com/service/token",service="harbor-registry"',
    );
  });

  it('adds scope and error in that order', () => {
    expect(challengeHeader({ realm, service: 'harbor-registry', scope: 'repository:p/r:pull', error: 'insufficient_scope' })).toBe(
      'Bearer realm="https://reg.example.com/service/token",service="harbor-registry",scope="repository:p/r:pull",error="insufficient_scope"',
    );
  });

  it('adds error without a scope', () => {
    expect(challengeHeader({ realm, service: 's', error: 'invalid_token' })).toBe(`Bearer realm="${realm}",service="s",error="invalid_token"`);
  });

  it('leaves out an empty scope', () => {
    expect(challengeHeader({ realm, service: 's', scope: '' })).toBe(`Bearer realm="${realm}",service="s"`);
  });

  it('escapes quotes and backslashes', () => {
    expect(challengeHeader({ realm: 'a"b\\c', service: 's' })).toBe('Bearer realm="a\\"b\\\\c",service="s"');
  });
});

describe('bearerToken', () => {
  it.each<[string | undefined, string | undefined]>([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def-_ghi', 'abc.def-_ghi'],
    ['BEARER  tok== ', 'tok=='],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer', undefined],
    ['Bearer ', undefined],
    ['Bearer a b', undefined],
    ['Bearerabc', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%p -> %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('basicCredentials', () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('splits user and password at the first colon', () => {
    expect(basicCredentials(basic('admin:Harbor12345'))).toEqual({ username: 'admin', password: 'Harbor12345' });
    expect(basicCredentials(basic('robot$proj+ci:se:cr:et'))).toEqual({ username: 'robot$proj+ci', password: 'se:cr:et' });
  });

  it('allows an empty password and UTF-8', () => {
    expect(basicCredentials(basic('user:'))).toEqual({ username: 'user', password: '' });
    expect(basicCredentials(basic('jürgen:pässwörd'))).toEqual({ username: 'jürgen', password: 'pässwörd' });
  });

  it('accepts the scheme in any case', () => {
    expect(basicCredentials(`basic ${Buffer.from('a:b').toString('base64')}`)).toEqual({ username: 'a', password: 'b' });
  });

  it.each([undefined, '', 'Basic', 'Basic !!!', basic('no-colon'), 'Bearer abc', `Basic ${Buffer.from('a:b').toString('base64')} extra`])(
    'rejects %p',
    (header) => {
      expect(basicCredentials(header)).toBeUndefined();
    },
  );
});
