import { fail, headerField, isPrintUsAscii, parsePri, type ParseResult } from './header-fields';
import { priority, type SyslogMessage } from './syslog-message';

// RFC 5424: SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]
//           HEADER = PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID

const BOM = '\ufeff';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
/** Maximum lengths of HOSTNAME, APP-NAME, PROCID and MSGID (section 6). */
const FIELD_LIMITS = [['HOSTNAME', 255], ['APP-NAME', 48], ['PROCID', 128], ['MSGID', 32]] as const;

export type Rfc5424Fields = Omit<SyslogMessage, 'protocol' | 'facility' | 'severity'> & { facility?: number; severity: number };

/** Formats one message; header fields are made legal rather than rejected. */
export function formatRfc5424(m: Rfc5424Fields & { facility: number }): string {
  const header = [
    `<${priority(m.facility, m.severity)}>1`,
    m.timestamp ?? '-',
    headerField(m.hostname, 255),
    headerField(m.appName, 48),
    headerField(m.procId, 128),
    headerField(m.msgId, 32),
    m.structuredData ?? '-',
  ].join(' ');
  return m.message === '' ? header : `${header} ${m.message}`;
}

export function parseRfc5424(text: string): ParseResult<SyslogMessage> {
  const pri = parsePri(text);
  if (!pri.ok) return pri;
  if (!pri.value.rest.startsWith('1 ')) return fail('not RFC 5424 (VERSION 1 expected)');
  const fields = pri.value.rest.slice(2).split(' ', 5);
  if (fields.length < 5) return fail('RFC 5424 header is incomplete');
  const [timestamp, ...names] = fields;
  if (timestamp !== '-' && !TIMESTAMP.test(timestamp)) return fail(`bad RFC 5424 TIMESTAMP ${JSON.stringify(timestamp.slice(0, 40))}`);
  for (let i = 0; i < FIELD_LIMITS.length; i++) {
    const [name, max] = FIELD_LIMITS[i];
    if (!isPrintUsAscii(names[i]) || names[i].length > max) return fail(`bad RFC 5424 ${name}`);
  }
  const sdStart = fields.join(' ').length + 3; // past "1 ", the five fields and their SP
  if (pri.value.rest[sdStart - 1] !== ' ') return fail('RFC 5424 STRUCTURED-DATA is missing');
  const sd = scanStructuredData(pri.value.rest, sdStart);
  if (!sd.ok) return sd;
  const tail = pri.value.rest.slice(sd.value);
  if (tail !== '' && !tail.startsWith(' ')) return fail('STRUCTURED-DATA must be followed by SP or the end');
  const nil = (v: string) => (v === '-' ? undefined : v);
  return {
    ok: true,
    value: {
      protocol: 'rfc5424',
      facility: pri.value.facility,
      severity: pri.value.severity,
      timestamp: nil(timestamp),
      hostname: nil(names[0]),
      appName: nil(names[1]),
      procId: nil(names[2]),
      msgId: nil(names[3]),
      structuredData: nil(pri.value.rest.slice(sdStart, sd.value)),
      message: stripBom(tail.slice(1)),
    },
  };
}

function stripBom(msg: string): string {
  return msg.startsWith(BOM) ? msg.slice(1) : msg;
}

/**
 * Finds where STRUCTURED-DATA ends: "-" or one or more "[SD-ID *(SP PARAM-NAME=\"VALUE\")]".
 * Inside a value, '"', '\' and ']' are escaped with a backslash (section 6.3.3).
 * Returns the index just after it.
 */
function scanStructuredData(s: string, start: number): ParseResult<number> {
  if (s[start] === '-') return { ok: true, value: start + 1 };
  let i = start;
  if (s[i] !== '[') return fail('bad RFC 5424 STRUCTURED-DATA');
  while (s[i] === '[') {
    const element = scanElement(s, i + 1);
    if (!element.ok) return element;
    i = element.value;
  }
  return { ok: true, value: i };
}

const SD_NAME = /^[\x21\x23-\x3c\x3e-\x5c\x5e-\x7e]{1,32}/; // PRINTUSASCII except = SP ] "

/** From just after "[" to just after the matching "]". */
function scanElement(s: string, from: number): ParseResult<number> {
  const id = SD_NAME.exec(s.slice(from, from + 33));
  if (!id) return fail('bad RFC 5424 SD-ID');
  let i = from + id[0].length;
  while (s[i] === ' ') {
    const name = SD_NAME.exec(s.slice(i + 1, i + 34));
    if (!name || s.slice(i + 1 + name[0].length, i + 3 + name[0].length) !== '="') return fail('bad RFC 5424 SD-PARAM');
    i += 3 + name[0].length;
    for (; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    if (i >= s.length) return fail('unterminated RFC 5424 PARAM-VALUE');
    i++;
  }
  if (s[i] !== ']') return fail('bad RFC 5424 SD-ELEMENT');
  return { ok: true, value: i + 1 };
}
