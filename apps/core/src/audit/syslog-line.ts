import { hostname } from 'node:os';

// RFC 5424 syslog messages for audit forwarding, sent over TCP one per line (RFC 6587
// non-transparent framing, which rsyslog, syslog-ng and Fluent Bit accept).

/** What one forwarded audit entry says. */
export interface SyslogAuditFields {
  time: Date;
  operator: string;
  operation: string;
  resourceType: string;
  resource: string;
  projectId: number;
  description: string;
  success: boolean;
}

// "<PRI>": facility user (1) * 8 + severity informational (6).
const PRI = 14;
const APP_NAME = 'harbor';
const MSG_ID = 'audit';

/** RFC 5424: "HOSTNAME = NILVALUE / 1*255PRINTUSASCII". */
const HOST = sanitize(hostname(), 255);

/**
 * `<14>1 2024-01-02T03:04:05.678Z host harbor 4242 audit - operator="admin" ...` and a newline.
 * Values are JSON strings, so quotes, backslashes and line breaks inside them stay escaped and
 * an entry is always exactly one line.
 */
export function syslogLine(f: SyslogAuditFields): string {
  const msg = [
    `operator=${JSON.stringify(f.operator)}`,
    `operation=${JSON.stringify(f.operation)}`,
    `resourceType=${JSON.stringify(f.resourceType)}`,
    `resource=${JSON.stringify(f.resource)}`,
    `projectId=${f.projectId}`,
    `result=${f.success ? '"success"' : '"failure"'}`,
    `description=${JSON.stringify(f.description)}`,
  ].join(' ');
  return `<${PRI}>1 ${f.time.toISOString()} ${HOST} ${APP_NAME} ${process.pid} ${MSG_ID} - ${msg}\n`;
}

function sanitize(value: string, max: number): string {
  const printable = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return printable === '' ? '-' : printable;
}

const ENDPOINT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):([0-9]{1,5})$/;

/** host:port of the syslog server ([v6]:port for IPv6 literals), or undefined for ''. */
export function parseForwardEndpoint(text: string): { host: string; port: number } | undefined {
  const m = ENDPOINT.exec(text.trim());
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

/** The configuration check: empty (no forwarding) or host:port. */
export function checkForwardEndpoint(text: string): string | undefined {
  if (text.trim() === '' || parseForwardEndpoint(text)) return undefined;
  return 'must be host:port (the syslog server, TCP)';
}
