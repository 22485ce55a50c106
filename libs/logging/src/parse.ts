import { parsePri, type ParseResult } from './header-fields';
import { parseRfc3164 } from './rfc3164';
import { parseRfc5424 } from './rfc5424';
import type { SyslogMessage } from './syslog-message';

/**
 * Parses one received frame or datagram in either format. After the PRI, RFC 5424 continues
 * with VERSION "1" and a space; RFC 3164 with a month name or a tag, never "1 ".
 */
export function parseSyslog(frame: string, now?: Date): ParseResult<SyslogMessage> {
  const text = frame.replace(/[\r\n\0]+$/, '');
  const pri = parsePri(text);
  if (!pri.ok) return pri;
  return pri.value.rest.startsWith('1 ') ? parseRfc5424(text) : parseRfc3164(text, now);
}
