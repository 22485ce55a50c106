// The Link header of list responses, as Harbor's BaseAPI.Links writes it:
//   Link: </api/v2.0/projects?page=1&page_size=10&q=name=~lib>; rel="prev" , </api/v2.0/projects?page=3&page_size=10&q=name=~lib>; rel="next"
// The request's other parameters are kept, page and page_size replaced, keys sorted (Go's
// url.Values.Encode) and values left readable: Harbor unescapes the encoded query again.

/** Parsed query parameters, as Express gives them. */
export type QueryParams = Readonly<Record<string, string | readonly string[] | undefined>>;

// Harbor leaves everything unescaped. These few are escaped anyway: control characters,
// non-ASCII and quotes/angle brackets cannot go into a header raw (Node refuses them or the
// link breaks), and % & # + space would change meaning when the link is followed.
function readable(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += c <= 0x20 || c >= 0x7f || '"#%&+<>'.includes(ch) ? encode(ch) : ch;
  }
  return out;
}

// A lone surrogate cannot be UTF-8 encoded; it becomes U+FFFD like any invalid text would.
function encode(ch: string): string {
  try {
    return encodeURIComponent(ch);
  } catch {
    return '%EF%BF%BD';
  }
}

function url(basePath: string, params: QueryParams, page: number, pageSize: number): string {
  const all: Record<string, readonly string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) all[key] = typeof value === 'string' ? [value] : value;
  }
  all.page = [String(page)];
  all.page_size = [String(pageSize)];
  // Go sorts keys by byte order; for the ASCII keys of an API that is JavaScript's default sort.
  const query = Object.keys(all)
    .sort()
    .flatMap((key) => all[key].map((v) => `${readable(key)}=${readable(v)}`))
    .join('&');
  return `${basePath}?${query}`;
}

/**
 * The Link header value for one page of `total` items, or "" when there is neither a previous
 * nor a next page (or pageSize is 0). `basePath` is the request path as received, still
 * percent-encoded (repository names are double-encoded in Harbor paths).
 */
export function linkHeader(basePath: string, params: QueryParams, page: number, pageSize: number, total: number): string {
  if (pageSize <= 0) return '';
  const links: string[] = [];
  // Harbor's conditions, verbatim: a previous page only if it holds items.
  if (page > 1 && (page - 1) * pageSize < total) {
    links.push(`<${url(basePath, params, page - 1, pageSize)}>; rel="prev"`);
  }
  if (pageSize * page < total) {
    links.push(`<${url(basePath, params, page + 1, pageSize)}>; rel="next"`);
  }
  return links.join(' , ');
}
