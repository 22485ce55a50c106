import { QueryError } from './errors';
import { parsePaging } from './paging';

describe('parsePaging', () => {
  it.each<[Parameters<typeof parsePaging>[0], [number, number, number]]>([
    [{}, [1, 10, 0]],
    [{ page: '', page_size: '' }, [1, 10, 0]],
    [{ page: null, page_size: undefined }, [1, 10, 0]],
    [{ page: '0', page_size: '0' }, [1, 10, 0]],
    [{ page: '3' }, [3, 10, 20]],
    [{ page: 2, page_size: 25 }, [2, 25, 25]],
    [{ page: '+2', page_size: '100' }, [2, 100, 100]],
    [{ page: ['1', '4'], page_size: ['5'] }, [4, 5, 15]],
    [{ page: '007', page_size: '1' }, [7, 1, 6]],
  ])('%j -> page, size, offset %j', (input, [page, pageSize, offset]) => {
    expect(parsePaging(input)).toEqual({ page, pageSize, offset, limit: pageSize });
  });

  it('takes the caller defaults and maximum', () => {
    expect(parsePaging({}, { defaultSize: 15, maxSize: 20 })).toEqual({ page: 1, pageSize: 15, offset: 0, limit: 15 });
    expect(() => parsePaging({ page_size: '21' }, { defaultSize: 15, maxSize: 20 })).toThrow('page_size in query should be less than or equal to 20');
  });

  it.each([
    [{ page_size: '101' }, 'page_size in query should be less than or equal to 100'],
    [{ page_size: 1000 }, 'page_size in query should be less than or equal to 100'],
    [{ page_size: '-1' }, 'page_size in query should be greater than or equal to 0'],
    [{ page: '-1' }, 'page in query should be greater than or equal to 0'],
    [{ page: 'abc' }, 'page in query must be of type int64: "abc"'],
    [{ page_size: '1.5' }, 'page_size in query must be of type int64: "1.5"'],
    [{ page_size: 2.5 }, 'page_size in query must be of type int64: "2.5"'],
    [{ page: ' 1' }, 'page in query must be of type int64: " 1"'],
    [{ page: '1e3' }, 'page in query must be of type int64: "1e3"'],
    [{ page: '99999999999999999999' }, 'page in query must be of type int64: "99999999999999999999"'],
    [{ page: String(2 ** 52), page_size: '100' }, `page in query must be of type int64: "${2 ** 52}"`],
  ])('%j is a 422 like go-swagger\'s', (input, detail) => {
    let error: unknown;
    try {
      parsePaging(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({ status: 422, code: 'UNPROCESSABLE_ENTITY', message: `validation failure list:\n${detail}` });
  });
});
