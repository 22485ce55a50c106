import { linkHeader } from './links';

const PATH = '/api/v2.0/projects';

describe('linkHeader', () => {
  it.each<[number, number, number, string]>([
    [1, 10, 25, '</api/v2.0/projects?page=2&page_size=10>; rel="next"'],
    [2, 10, 25, '</api/v2.0/projects?page=1&page_size=10>; rel="prev" , </api/v2.0/projects?page=3&page_size=10>; rel="next"'],
    [3, 10, 25, '</api/v2.0/projects?page=2&page_size=10>; rel="prev"'],
    [1, 10, 10, ''],
    [1, 10, 0, ''],
    [2, 10, 10, ''], // Harbor links a previous page only when it holds items
    [5, 10, 25, ''],
    [1, 0, 25, ''],
  ])('page %i size %i of %i', (page, size, total, expected) => {
    expect(linkHeader(PATH, {}, page, size, total)).toBe(expected);
  });

  it('keeps the other parameters, sorted by key, replacing page and page_size', () => {
    const params = { q: 'name=~lib', sort: '-creation_time', page: '2', page_size: '5', with_detail: 'true', public: undefined };
    expect(linkHeader(PATH, params, 2, 5, 11)).toBe(
      '</api/v2.0/projects?page=1&page_size=5&q=name=~lib&sort=-creation_time&with_detail=true>; rel="prev" , ' +
        '</api/v2.0/projects?page=3&page_size=5&q=name=~lib&sort=-creation_time&with_detail=true>; rel="next"',
    );
  });

  it('keeps repeated parameters in order and the path as given', () => {
    const path = '/api/v2.0/projects/library/repositories/a%252Fb/artifacts';
    expect(linkHeader(path, { with_tag: ['true', 'false'] }, 1, 10, 11)).toBe(`<${path}?page=2&page_size=10&with_tag=true&with_tag=false>; rel="next"`);
  });

  it('leaves q readable like Harbor but escapes what would break the header or the next request', () => {
    const link = linkHeader(PATH, { q: 'name={a b},tags=~v1.0' }, 1, 10, 20);
    expect(link).toBe('</api/v2.0/projects?page=2&page_size=10&q=name={a%20b},tags=~v1.0>; rel="next"');
    expect(linkHeader(PATH, { q: 'name=~中', x: 'a&b=c#d+e%f<g>"\r\n' }, 1, 10, 20)).toBe(
      '</api/v2.0/projects?page=2&page_size=10&q=name=~%E4%B8%AD&x=a%26b=c%23d%2Be%25f%3Cg%3E%22%0D%0A>; rel="next"',
    );
    expect(linkHeader(PATH, { q: 'x\ud800' }, 1, 10, 20)).toContain('q=x%EF%BF%BD>');
  });
});
