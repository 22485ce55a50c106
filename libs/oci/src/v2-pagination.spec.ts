import { OciError } from './errors';
import { MAX_PAGE_SIZE, nextLink, pageRequest } from './v2-pagination';

describe('pageRequest', () => {
  it('uses the fallback without n, caps n, and keeps last', () => {
    expect(pageRequest({}, 50)).toEqual({ limit: 50, last: undefined });
    expect(pageRequest({ n: '20', last: 'b' }, 50)).toEqual({ limit: 20, last: 'b' });
    expect(pageRequest({ n: String(MAX_PAGE_SIZE + 1) }, 50).limit).toBe(MAX_PAGE_SIZE);
    expect(pageRequest({ n: '0', last: '' }, 50)).toEqual({ limit: 0, last: undefined });
  });

  it('refuses an n that is not a non-negative integer', () => {
    for (const n of ['-1', 'ten', '1.5', '']) {
      expect(() => pageRequest({ n }, 50)).toThrow(OciError);
    }
  });
});

describe('nextLink', () => {
  it('points at the page after `last`, escaping it', () => {
    expect(nextLink('/v2/_catalog', 2, 'a/b c')).toBe('</v2/_catalog?n=2&last=a%2Fb%20c>; rel="next"');
  });
});
