import type { FieldSpec } from './fields';
import { parseQuery } from './parse';
import { type ColumnSpec, escapeLike, toSql } from './sql';

const FIELDS: FieldSpec = {
  name: { type: 'string' },
  id: { type: 'int', ops: ['exact', 'range', 'or', 'and'] },
  creation_time: { type: 'time' },
  tags: { type: 'string', ops: ['exact'] },
};
const COLUMNS: Record<string, ColumnSpec> = {
  name: 'p.name',
  id: 'p.project_id',
  creation_time: 'p.creation_time',
  // Harbor's "tags=nil" style custom filter.
  tags: (term, bind) =>
    term.op === 'exact' && term.value === 'nil'
      ? 'NOT EXISTS (SELECT 1 FROM tag t WHERE t.artifact_id = a.id)'
      : `EXISTS (SELECT 1 FROM tag t WHERE t.artifact_id = a.id AND t.name = ${bind(term.op === 'exact' ? term.value : '')})`,
};
const sql = (q: string, start?: number) => toSql(parseQuery(q, FIELDS), COLUMNS, start);

describe('toSql', () => {
  it('builds each operator with placeholders only', () => {
    expect(sql('name=library')).toEqual({ where: 'p.name = $1', params: ['library'], nextIndex: 2 });
    expect(sql('name=~lib')).toEqual({ where: 'p.name ILIKE $1', params: ['%lib%'], nextIndex: 2 });
    expect(sql('id=[1~10]')).toEqual({ where: '(p.project_id >= $1 AND p.project_id <= $2)', params: [1, 10], nextIndex: 3 });
    expect(sql('id=[~10]').where).toBe('(p.project_id <= $1)');
    expect(sql('creation_time=[2020-04-09 02:36:00~]')).toEqual({ where: '(p.creation_time >= $1)', params: ['2020-04-09 02:36:00'], nextIndex: 2 });
    expect(sql('name={a b c}')).toEqual({ where: 'p.name IN ($1, $2, $3)', params: ['a', 'b', 'c'], nextIndex: 4 });
    expect(sql('id=(1 2)')).toEqual({ where: '(p.project_id = $1 AND p.project_id = $2)', params: [1, 2], nextIndex: 3 });
  });

  it('joins terms with AND and numbers from startIndex', () => {
    expect(sql('name=~lib,id={1 2}', 3)).toEqual({ where: 'p.name ILIKE $3 AND p.project_id IN ($4, $5)', params: ['%lib%', 1, 2], nextIndex: 6 });
  });

  it('answers TRUE for no terms, FALSE for an empty or-list, TRUE for an empty and-list', () => {
    expect(sql('')).toEqual({ where: 'TRUE', params: [], nextIndex: 1 });
    expect(sql('', 4).nextIndex).toBe(4);
    expect(sql('name={}')).toEqual({ where: 'FALSE', params: [], nextIndex: 1 });
    expect(sql('id=()')).toEqual({ where: 'TRUE', params: [], nextIndex: 1 });
  });

  it('hands custom keys to their filter, in parentheses', () => {
    expect(sql('tags=nil')).toEqual({ where: '(NOT EXISTS (SELECT 1 FROM tag t WHERE t.artifact_id = a.id))', params: [], nextIndex: 1 });
    expect(sql('name=x,tags=v1', 2)).toEqual({
      where: 'p.name = $2 AND (EXISTS (SELECT 1 FROM tag t WHERE t.artifact_id = a.id AND t.name = $3))',
      params: ['x', 'v1'],
      nextIndex: 4,
    });
  });

  it('refuses a key without a column and a bad startIndex (programming errors, not 400s)', () => {
    expect(() => toSql(parseQuery('name=x', FIELDS), {})).toThrow('toSql: no column for query key "name"');
    expect(() => toSql(parseQuery('name=x', FIELDS), { name: 'n' }, 0)).toThrow('toSql: bad startIndex 0');
    expect(() => toSql({ terms: [] }, {}, 1.5)).toThrow('toSql: bad startIndex 1.5');
  });
});

describe('escapeLike and fuzzy values', () => {
  it.each([
    ['50%_off', '50\\%\\_off'],
    ['a\\b', 'a\\\\b'],
    ['plain', 'plain'],
    ['%%', '\\%\\%'],
  ])('%s -> %s', (value, escaped) => {
    expect(escapeLike(value)).toBe(escaped);
    expect(sql(`name=~${encodeURIComponent(value)}`).params).toEqual([`%${escaped}%`]);
  });
});

describe('SQL-injection-looking input ends up in params only', () => {
  const attacks = [
    "'; DROP TABLE project; --",
    "x' OR '1'='1",
    'a" OR 1=1 --',
    '$1',
    "1); DELETE FROM harbor_user WHERE (1=1",
    '\\x27 UNION SELECT password FROM harbor_user',
    'p.name; SELECT pg_sleep(10)',
  ];

  it.each(attacks)('exact %s', (attack) => {
    expect(sql(`name=${encodeURIComponent(attack)}`)).toEqual({ where: 'p.name = $1', params: [attack.replace(/^\\/, '')], nextIndex: 2 });
  });

  it.each(attacks)('fuzzy %s', (attack) => {
    const { where, params } = sql(`name=~${encodeURIComponent(attack)}`);
    expect(where).toBe('p.name ILIKE $1');
    expect(params).toEqual([`%${escapeLike(attack)}%`]);
  });

  it('or-list and range members', () => {
    expect(sql(`name={ok ${encodeURIComponent("x'OR'1'='1")} $2 1;DROP}`)).toEqual({
      where: 'p.name IN ($1, $2, $3, $4)',
      params: ['ok', "x'OR'1'='1", '$2', '1;DROP'],
      nextIndex: 5,
    });
    expect(() => sql(`creation_time=[2020-01-01 00:00:00~${encodeURIComponent("2020-01-02 00:00:00' OR 1=1")}]`)).toThrow('a time like');
  });

  it('refuses injection through the key or a typed value instead of passing it on', () => {
    expect(() => sql('name;DROP TABLE x=1')).toThrow('is not supported');
    expect(() => sql(`id=${encodeURIComponent('1 OR 1=1')}`)).toThrow('an integer is expected');
    expect(() => sql(`id=[1~${encodeURIComponent('2; DROP TABLE x')}]`)).toThrow('an integer is expected');
  });
});
