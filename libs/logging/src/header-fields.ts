// Pieces both syslog formats share: the PRI part and RFC 5424's header-field alphabet.

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** "<" PRIVAL ">" with PRIVAL 0..191 (RFC 5424 section 6.2.1; RFC 3164 section 4.1.1). */
export function parsePri(text: string): ParseResult<{ facility: number; severity: number; rest: string }> {
  const match = /^<(\d{1,3})>/.exec(text);
  if (!match) return fail('missing <PRI>');
  const prival = Number(match[1]);
  if (prival > 191) return fail(`PRI ${prival} out of range`);
  return { ok: true, value: { facility: prival >> 3, severity: prival & 7, rest: text.slice(match[0].length) } };
}

/** PRINTUSASCII = %d33-126: header fields never hold spaces or control characters. */
export function isPrintUsAscii(s: string): boolean {
  return /^[\x21-\x7e]+$/.test(s);
}

/**
 * Makes a value fit a header field: characters outside PRINTUSASCII become "_", long values
 * are cut, and an empty one becomes the NILVALUE "-".
 */
export function headerField(value: string | undefined, maxLength: number): string {
  if (value === undefined || value === '') return '-';
  return value.replace(/[^\x21-\x7e]/g, '_').slice(0, maxLength);
}
