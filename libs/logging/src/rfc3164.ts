import { fail, isPrintUsAscii, parsePri, type ParseResult } from './header-fields';
import type { SyslogMessage } from './syslog-message';

// RFC 3164 ("BSD syslog"): <PRI>Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG
// In practice senders drop the timestamp or the hostname (logger(1) with --rfc3164 keeps both),
// so after the optional timestamp the first word that looks like a tag is the tag and a word
// before it is the hostname. A message without a recognisable tag is refused: the tag is what
// names the service and, in the collector, its file.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP = /^([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) /;
/** "tag:", "tag[pid]:" or "tag[pid]" (RFC 3164 section 5.3: TAG is at most 32 characters, logger allows 48). */
const TAG = /^([^\s[\]:]{1,48})(?:\[([^\]\s]{1,128})\])?(:?)$/;

export function parseRfc3164(text: string, now: Date = new Date()): ParseResult<SyslogMessage> {
  const pri = parsePri(text);
  if (!pri.ok) return pri;
  let rest = pri.value.rest;
  const stamp = TIMESTAMP.exec(rest);
  const timestamp = stamp ? toRfc3339(stamp, now) : undefined;
  if (stamp && !timestamp) return fail('bad RFC 3164 TIMESTAMP');
  if (stamp) rest = rest.slice(stamp[0].length);
  const words = rest.split(' ', 2);
  let hostname: string | undefined;
  let tag = tagOf(words[0]);
  if (!tag && words.length === 2 && isPrintUsAscii(words[0])) {
    tag = tagOf(words[1]);
    hostname = words[0];
  }
  if (!tag) return fail('RFC 3164 message without a TAG');
  const consumed = (hostname === undefined ? 0 : hostname.length + 1) + tag.word.length;
  const message = rest.slice(consumed).replace(/^ /, '');
  return {
    ok: true,
    value: { protocol: 'rfc3164', facility: pri.value.facility, severity: pri.value.severity, timestamp, hostname, appName: tag.name, procId: tag.pid, message },
  };
}

/** A tag word must end with ":" or carry a [pid]; otherwise it is ordinary text. */
function tagOf(word: string | undefined): { word: string; name: string; pid?: string } | undefined {
  const match = word === undefined ? null : TAG.exec(word);
  if (!match || (!match[2] && !match[3])) return undefined;
  return { word: word as string, name: match[1], ...(match[2] ? { pid: match[2] } : {}) };
}

/**
 * RFC 3164 timestamps have no year and no zone: the collector's local time and the current
 * year are assumed, or last year when that would put the message more than a day ahead.
 */
function toRfc3339(m: RegExpExecArray, now: Date): string | undefined {
  const month = MONTHS.indexOf(m[1]);
  const [day, hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let date = new Date(now.getFullYear(), month, day, hour, minute, second);
  if (date.getTime() - now.getTime() > 86_400_000) date = new Date(now.getFullYear() - 1, month, day, hour, minute, second);
  return date.toISOString();
}
