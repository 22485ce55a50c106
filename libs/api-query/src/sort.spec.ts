import { QueryError } from './errors';
import { parseSort } from './sort';

const ALLOWED = { name: 'p.name', creation_time: 'p.creation_time', id: 'p.project_id' };

describe('parseSort', () => {
  it.each([
    ['name', 'ORDER BY p.name ASC'],
    ['-creation_time', 'ORDER BY p.creation_time DESC'],
    ['name,-creation_time', 'ORDER BY p.name ASC, p.creation_time DESC'],
    ['-id,name,-id', 'ORDER BY p.project_id DESC, p.name ASC'],
    ['name,,', 'ORDER BY p.name ASC'],
    ['-', ''],
    ['', ''],
  ])('%p -> %p', (sort, expected) => {
    expect(parseSort(sort, ALLOWED)).toBe(expected);
  });

  it('returns "" for no sort, or the fallback', () => {
    expect(parseSort(undefined, ALLOWED)).toBe('');
    expect(parseSort(null, ALLOWED, { fallback: '-creation_time,id' })).toBe('ORDER BY p.creation_time DESC, p.project_id ASC');
    expect(parseSort('name', ALLOWED, { fallback: '-creation_time' })).toBe('ORDER BY p.name ASC');
  });

  it.each(['bogus', 'name,--id', 'name;DROP TABLE project', 'p.name', ' name', 'toString', '__proto__'])('refuses %p with a 400', (sort) => {
    expect(() => parseSort(sort, ALLOWED)).toThrow(QueryError);
    expect(() => parseSort(sort, ALLOWED)).toThrow(/^the sort key ".*" is not supported$/);
  });

  it('can skip unknown keys, as Harbor does', () => {
    expect(parseSort('bogus,-name', ALLOWED, { unknownKeys: 'ignore' })).toBe('ORDER BY p.name DESC');
    expect(parseSort('bogus', ALLOWED, { unknownKeys: 'ignore', fallback: 'id' })).toBe('ORDER BY p.project_id ASC');
  });
});
