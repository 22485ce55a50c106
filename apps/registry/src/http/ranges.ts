import { OciError } from '@harbor-ts/oci';
import { withResponseHeaders } from './error-headers';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Parses a GET `Range: bytes=a-b | bytes=a- | bytes=-n` header against a blob of `size` bytes.
 * One range only: registries serve layers, not multipart byte-range documents.
 * Returns undefined when there is no Range header; an unsatisfiable range is RANGE_INVALID (416).
 */
export function parseRangeHeader(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) throw unsatisfiable(header, size);
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) throw unsatisfiable(header, size);
  return { start, end };
}

/** RFC 9110: a 416 to a byte-range request "SHOULD" say the current length: `Content-Range: bytes *\/<size>`. */
function unsatisfiable(range: string, size: number): OciError {
  return withResponseHeaders(OciError.of('RANGE_INVALID', { range, size }), { 'Content-Range': `bytes */${size}` });
}

/**
 * Parses a chunk's `Content-Range: <start>-<end>` (the distribution spec's form, inclusive;
 * the RFC form `bytes <start>-<end>/<total>` that some clients send is accepted too).
 */
export function parseContentRange(header: string | undefined): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:bytes[ =])?(\d+)-(\d+)(?:\/(?:\d+|\*))?$/.exec(header.trim());
  if (!match) throw OciError.of('RANGE_INVALID', { contentRange: header });
  const range = { start: Number(match[1]), end: Number(match[2]) };
  if (range.end < range.start) throw OciError.of('RANGE_INVALID', { contentRange: header });
  return range;
}

/** Reads a Content-Length header; undefined when absent (chunked transfer encoding). */
export function contentLength(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!/^\d+$/.test(header)) throw OciError.of('SIZE_INVALID', { contentLength: header });
  return Number(header);
}
