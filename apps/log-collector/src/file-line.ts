import type { SyslogMessage } from '@harbor-ts/logging';

// eslint-disable-next-line no-control-regex -- finding control characters is the point here
const CONTROL_EXCEPT_TAB = /[\x00-\x08\x0a-\x1f\x7f]/g;

/**
 * One line of a service's log file, in the shape Harbor's rsyslog writes:
 * "TIMESTAMP HOSTNAME APP[PROCID]: MESSAGE". Control characters become rsyslog's "#ooo"
 * octal escapes so a message can never split into two lines.
 */
export function fileLine(m: SyslogMessage, receivedAt: Date): Buffer {
  const app = m.appName ?? '-';
  const tag = m.procId ? `${app}[${m.procId}]` : app;
  const text = m.message.replace(CONTROL_EXCEPT_TAB, (c) => `#${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return Buffer.from(`${m.timestamp ?? receivedAt.toISOString()} ${m.hostname ?? '-'} ${tag}: ${text}\n`, 'utf8');
}
