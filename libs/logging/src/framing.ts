// Syslog over TCP (RFC 6587). Senders use one of two framings, and may switch per frame:
//   octet counting:  MSG-LEN SP SYSLOG-MSG      (section 3.4.1)
//   non-transparent: SYSLOG-MSG LF              (section 3.4.2; logger -T, most BSD senders)
// "a receiver can determine which framing is used by looking at the first character": a digit
// starts an octet count, "<" a newline-terminated message. An octet count must be followed by
// "<" (every syslog message starts with its PRI); otherwise the digits start an ordinary line.

/** Frames one message with octet counting; the count is in bytes, not characters. */
export function encodeOctetCounted(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

export interface FrameHandler {
  frame(frame: Buffer): void;
  /** A frame that could not be taken: too long, or cut off by the end of the stream. */
  malformed(reason: string): void;
}

type State =
  | { kind: 'start' }
  | { kind: 'length'; digits: string }
  | { kind: 'octets'; remaining: number; parts: Buffer[]; prefix: string; tooLong: boolean }
  | { kind: 'line'; parts: Buffer[]; length: number }
  | { kind: 'skip-octets'; remaining: number }
  | { kind: 'skip-line' };

const LF = 0x0a;
const MAX_LENGTH_DIGITS = 9;

/** Splits a TCP byte stream into frames, whatever mix of framings arrives; never buffers more than maxFrameBytes. */
export class SyslogFrameDecoder {
  private state: State = { kind: 'start' };

  constructor(
    private readonly handler: FrameHandler,
    private readonly maxFrameBytes = 64 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) i = this.step(chunk, i);
  }

  /** The stream ended: a last line without LF still counts; a half octet-counted frame does not. */
  end(): void {
    const s = this.state;
    if (s.kind === 'line' && s.length > 0) this.handler.frame(Buffer.concat(s.parts));
    else if (s.kind === 'octets' || s.kind === 'length') this.handler.malformed('frame cut off by the end of the connection');
    this.state = { kind: 'start' };
  }

  /** Consumes from `i` on in the current state; returns where the next step starts. */
  private step(chunk: Buffer, i: number): number {
    const s = this.state;
    switch (s.kind) {
      case 'start':
        return this.startFrame(chunk, i);
      case 'length':
        return this.readLength(s, chunk, i);
      case 'octets':
        return this.readOctets(s, chunk, i);
      case 'line':
        return this.readLine(s, chunk, i);
      case 'skip-octets': {
        const take = Math.min(s.remaining, chunk.length - i);
        s.remaining -= take;
        if (s.remaining === 0) this.state = { kind: 'start' };
        return i + take;
      }
      case 'skip-line': {
        const lf = chunk.indexOf(LF, i);
        if (lf < 0) return chunk.length;
        this.state = { kind: 'start' };
        return lf + 1;
      }
    }
  }

  private startFrame(chunk: Buffer, i: number): number {
    const byte = chunk[i];
    // Separators between frames (an LF after an octet-counted frame, CR, NUL) carry nothing.
    if (byte === LF || byte === 0x0d || byte === 0x00) return i + 1;
    this.state = byte >= 0x31 && byte <= 0x39 ? { kind: 'length', digits: '' } : { kind: 'line', parts: [], length: 0 };
    return i;
  }

  private readLength(s: { digits: string }, chunk: Buffer, i: number): number {
    for (; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x20) return this.beginOctets(s.digits, i + 1);
      if (byte < 0x30 || byte > 0x39 || s.digits.length >= MAX_LENGTH_DIGITS) {
        // Not an octet count after all: keep what was read as the start of a plain line.
        const prefix = Buffer.from(s.digits, 'ascii');
        this.state = { kind: 'line', parts: [prefix], length: prefix.length };
        return i;
      }
      s.digits += String.fromCharCode(byte);
    }
    return i;
  }

  private beginOctets(digits: string, next: number): number {
    const length = Number(digits);
    this.state = { kind: 'octets', remaining: length, parts: [], prefix: `${digits} `, tooLong: length > this.maxFrameBytes };
    return next;
  }

  private readOctets(s: { remaining: number; parts: Buffer[]; prefix: string; tooLong: boolean }, chunk: Buffer, i: number): number {
    if (s.parts.length === 0 && chunk[i] !== 0x3c) {
      // Every syslog message starts with "<PRI>"; a line that merely starts with a number
      // must not swallow the messages after it as an octet count.
      const prefix = Buffer.from(s.prefix, 'ascii');
      this.state = { kind: 'line', parts: [prefix], length: prefix.length };
      return i;
    }
    if (s.tooLong) {
      this.handler.malformed(`octet-counted frame of ${s.remaining} bytes exceeds ${this.maxFrameBytes}`);
      this.state = { kind: 'skip-octets', remaining: s.remaining };
      return i;
    }
    const take = Math.min(s.remaining, chunk.length - i);
    s.parts.push(chunk.subarray(i, i + take));
    s.remaining -= take;
    if (s.remaining === 0) {
      this.state = { kind: 'start' };
      this.handler.frame(Buffer.concat(s.parts));
    }
    return i + take;
  }

  private readLine(s: { parts: Buffer[]; length: number }, chunk: Buffer, i: number): number {
    const lf = chunk.indexOf(LF, i);
    const end = lf < 0 ? chunk.length : lf;
    s.parts.push(chunk.subarray(i, end));
    s.length += end - i;
    if (s.length > this.maxFrameBytes) {
      this.handler.malformed(`line longer than ${this.maxFrameBytes} bytes`);
      this.state = lf < 0 ? { kind: 'skip-line' } : { kind: 'start' };
      return lf < 0 ? chunk.length : lf + 1;
    }
    if (lf < 0) return chunk.length;
    this.state = { kind: 'start' };
    this.handler.frame(Buffer.concat(s.parts));
    return lf + 1;
  }
}
