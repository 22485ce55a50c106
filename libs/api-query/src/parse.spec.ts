import { QueryError } from './errors';
import type { FieldSpec } from './fields';
import { type Term, parseQuery } from './parse';

const FIELDS: FieldSpec = {
  name: { type: 'string' },
  id: { type: 'int' },
  public: { type: 'bool' },
  creation_time: { type: 'time' },
  labels: { type: 'int', ops: ['and', 'or'] },
  status: { type: 'string', ops: ['exact'] },
};
const terms = (q: string) => parseQuery(q, FIELDS).terms;
const one = (q: string) => terms(q)[0];

describe('parseQuery: the five patterns', () => {
  it.each<[string, Term]>([
    ['name=library', { key: 'name', op: 'exact', value: 'library' }],
    ['name=a=b', { key: 'name', op: 'exact', value: 'a=b' }],
    ['name="lib"', { key: 'name', op: 'exact', value: '"lib"' }], // exact strings keep quotes, as in Harbor
    ['name=\\~lib', { key: 'name', op: 'exact', value: '~lib' }],
    ['name=\\[x', { key: 'name', op: 'exact', value: '[x' }],
    ['name=~lib', { key: 'name', op: 'fuzzy', value: 'lib' }],
    ['name=~ a b ', { key: 'name', op: 'fuzzy', value: ' a b ' }],
    ['id=[1~10]', { key: 'id', op: 'range', min: 1, max: 10 }],
    ['id=[ 1 ~ 10 ]', { key: 'id', op: 'range', min: 1, max: 10 }],
    ['id=[~10]', { key: 'id', op: 'range', max: 10 }],
    ['id=[-5~]', { key: 'id', op: 'range', min: -5 }],
    ['id=["3"~\'4\']', { key: 'id', op: 'range', min: 3, max: 4 }],
    ['creation_time=[2020-04-09 02:36:00~2020-04-10T00:00:00]', { key: 'creation_time', op: 'range', min: '2020-04-09 02:36:00', max: '2020-04-10 00:00:00' }],
    ['name={a b c}', { key: 'name', op: 'or', values: ['a', 'b', 'c'] }],
    ['name={"a" \'b\'  }', { key: 'name', op: 'or', values: ['a', 'b'] }],
    ['name={}', { key: 'name', op: 'or', values: [] }],
    ['id={1 +2 -3}', { key: 'id', op: 'or', values: [1, 2, -3] }],
    ['labels=(1 2)', { key: 'labels', op: 'and', values: [1, 2] }],
    ['id=5', { key: 'id', op: 'exact', value: 5 }],
    ['id="5"', { key: 'id', op: 'exact', value: 5 }],
    ['public=true', { key: 'public', op: 'exact', value: true }],
    ['public=0', { key: 'public', op: 'exact', value: false }],
    ['public=F', { key: 'public', op: 'exact', value: false }],
    ['creation_time=2020-04-09 02:36:00', { key: 'creation_time', op: 'exact', value: '2020-04-09 02:36:00' }],
    ['creation_time=2024-02-29T23:59:59', { key: 'creation_time', op: 'exact', value: '2024-02-29 23:59:59' }],
  ])('%s', (q, term) => {
    expect(terms(q)).toEqual([term]);
  });
});

describe('parseQuery: decoding and combining', () => {
  it('returns no terms for an absent or empty q', () => {
    expect(parseQuery(undefined, FIELDS)).toEqual({ terms: [] });
    expect(parseQuery(null, FIELDS)).toEqual({ terms: [] });
    expect(parseQuery('', FIELDS)).toEqual({ terms: [] });
  });

  it('unescapes once more, like Harbor ("+" is a space), and keeps q when that fails', () => {
    expect(one('name%3D~lib')).toEqual({ key: 'name', op: 'fuzzy', value: 'lib' });
    expect(one('name={a+b}')).toEqual({ key: 'name', op: 'or', values: ['a', 'b'] });
    expect(one('name=%E4%B8%AD')).toEqual({ key: 'name', op: 'exact', value: '中' });
    expect(one('name=100%')).toEqual({ key: 'name', op: 'exact', value: '100%' });
  });

  it('splits terms on commas and keeps the last of a repeated key', () => {
    expect(terms('name=~lib,id=[1~5],public=true').map((t) => t.op)).toEqual(['fuzzy', 'range', 'exact']);
    expect(terms('name=a,id=1,name=b')).toEqual([
      { key: 'name', op: 'exact', value: 'b' },
      { key: 'id', op: 'exact', value: 1 },
    ]);
  });

  it('can skip unknown keys, as Harbor does', () => {
    expect(parseQuery('foo=1,name=x', FIELDS, { unknownKeys: 'ignore' }).terms).toEqual([{ key: 'name', op: 'exact', value: 'x' }]);
  });
});

describe('parseQuery: errors are 400 QueryErrors', () => {
  it.each([
    ['name', 'the query string must contain "=" and the key/value cannot be empty'],
    ['=x', 'the query string must contain "=" and the key/value cannot be empty'],
    ['name=', 'the query string must contain "=" and the key/value cannot be empty'],
    ['name=a,', 'the query string must contain "=" and the key/value cannot be empty'],
    ['foo=1', 'the query key "foo" is not supported'],
    ['toString=1', 'the query key "toString" is not supported'],
    ['__proto__=1', 'the query key "__proto__" is not supported'],
    ['Name=x', 'the query key "Name" is not supported'],
    ['name=~', 'invalid query string value: ~: fuzzy match value must start with "~" and contain at least 1 other characters'],
    ['id=[1~10', 'invalid query string value: [1~10: range must start with "[", end with "]" and contains only one "~"'],
    ['id=[1~2~3]', 'invalid query string value: [1~2~3]: range must start with "[", end with "]" and contains only one "~"'],
    ['id=[ ~ ]', 'invalid query string value: [ ~ ]: min and max at least one should be set in range'],
    ['name={a b', 'invalid query string value: {a b: or list must start with "{" and end with "}"'],
    ['labels=(1 2', 'invalid query string value: (1 2: and list must start with "(" and end with ")"'],
    ['labels={', 'invalid query string value: {: or list must start with "{" and end with "}"'],
    ['public=~t', 'the query key "public" does not support fuzzy match'],
    ['name=[a~b]', 'the query key "name" does not support range'],
    ['name=(a b)', 'the query key "name" does not support and list'],
    ['status={a}', 'the query key "status" does not support or list'],
    ['id=abc', 'invalid value "abc" for query key "id": an integer is expected'],
    ['id=1.5', 'invalid value "1.5" for query key "id": an integer is expected'],
    ['id=99999999999999999999', 'invalid value "99999999999999999999" for query key "id": an integer is expected'],
    ['id={1 x}', 'invalid value "x" for query key "id": an integer is expected'],
    ['id=[1~x]', 'invalid value "x" for query key "id": an integer is expected'],
    ['public=yes', 'invalid value "yes" for query key "public": true or false is expected'],
    ['creation_time=2020-02-30 00:00:00', 'invalid value "2020-02-30 00:00:00" for query key "creation_time": a time like "2020-04-09 02:36:00" is expected'],
    ['creation_time=2020-01-01 24:00:00', 'invalid value "2020-01-01 24:00:00" for query key "creation_time": a time like "2020-04-09 02:36:00" is expected'],
    ['creation_time=2020-01-01', 'invalid value "2020-01-01" for query key "creation_time": a time like "2020-04-09 02:36:00" is expected'],
    ['creation_time=[0020-01-01 00:00:00~]', 'invalid value "0020-01-01 00:00:00" for query key "creation_time": a time like "2020-04-09 02:36:00" is expected'],
  ])('%s', (q, message) => {
    let error: unknown;
    try {
      parseQuery(q, FIELDS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({ message, code: 'BAD_REQUEST', status: 400 });
  });
});
