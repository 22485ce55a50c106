import { encodeOctetCounted, SyslogFrameDecoder } from './framing';

function decode(chunks: Buffer[], max?: number): { frames: string[]; malformed: string[] } {
  const frames: string[] = [];
  const malformed: string[] = [];
  const decoder = new SyslogFrameDecoder({ frame: (f) => frames.push(f.toString()), malformed: (r) => malformed.push(r) }, max);
  for (const c of chunks) decoder.push(c);
  decoder.end();
  return { frames, malformed };
}

/** Every way of cutting `bytes` in two: framing must not depend on TCP segment boundaries. */
function everySplit(bytes: Buffer): Buffer[][] {
  return Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.subarray(0, i), bytes.subarray(i)]);
}

describe('syslog TCP framing (RFC 6587)', () => {
  it('counts octets in bytes, not characters', () => {
    expect(encodeOctetCounted('<13>1 - - - - - - é').toString()).toBe('20 <13>1 - - - - - - é');
  });

  it('splits octet-counted, newline-terminated and mixed streams at any chunk boundary', () => {
    const multiLine = '<13>1 - h a - - - two\nlines';
    const stream = Buffer.concat([encodeOctetCounted(multiLine), Buffer.from('<13>tag: plain\r\n'), encodeOctetCounted('<14>t: é'), Buffer.from('\n<15>last: no newline')]);
    for (const chunks of everySplit(stream)) {
      expect(decode(chunks)).toEqual({ frames: [multiLine, '<13>tag: plain\r', '<14>t: é', '<15>last: no newline'], malformed: [] });
    }
  });

  it('treats a line that merely starts with digits as a line, losing nothing after it', () => {
    const stream = Buffer.from('99999 not a count\n42\n<13>ok: one\n123456789012 x\n<13>ok: two\n');
    for (const chunks of everySplit(stream)) {
      expect(decode(chunks)).toEqual({ frames: ['99999 not a count', '42', '<13>ok: one', '123456789012 x', '<13>ok: two'], malformed: [] });
    }
  });

  it('skips over-long frames and lines, counts them, and recovers at the next frame', () => {
    const long = Buffer.concat([encodeOctetCounted(`<13>t: ${'x'.repeat(100)}`), Buffer.from(`<13>t: ${'y'.repeat(100)}\n`), encodeOctetCounted('<13>t: fine')]);
    for (const chunks of [[long], ...everySplit(long).slice(0, 40)]) {
      const { frames, malformed } = decode(chunks, 50);
      expect(frames).toEqual(['<13>t: fine']);
      expect(malformed).toHaveLength(2);
    }
  });

  it('reports an octet-counted frame cut off by the end of the stream', () => {
    expect(decode([Buffer.from('30 <13>t: short')])).toEqual({ frames: [], malformed: ['frame cut off by the end of the connection'] });
  });
});
