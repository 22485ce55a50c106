// One syslog message as both RFC 5424 and RFC 3164 carry it, and the numbers around it.

export interface SyslogMessage {
  facility: number;
  /** 0 emergency ... 7 debug (RFC 5424 section 6.2.1, table 2). */
  severity: number;
  /** RFC 3339 text as received (RFC 5424) or converted (RFC 3164); undefined for NILVALUE. */
  timestamp?: string;
  hostname?: string;
  /** RFC 5424 APP-NAME, or the RFC 3164 TAG without its [pid]. */
  appName?: string;
  procId?: string;
  msgId?: string;
  /** The STRUCTURED-DATA text as received ("[id k=\"v\"]..."), undefined for NILVALUE. */
  structuredData?: string;
  message: string;
  protocol: 'rfc5424' | 'rfc3164';
}

export const SEVERITY = { emergency: 0, alert: 1, critical: 2, error: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;

/** RFC 5424 section 6.2.1: "user-level messages", logger(1)'s default too. */
export const FACILITY_USER = 1;

/** PRIVAL = facility * 8 + severity; at most 191 (facility 23, severity 7). */
export function priority(facility: number, severity: number): number {
  return facility * 8 + severity;
}

/** pino's numeric levels mapped to syslog severities (trace and debug are both debug). */
export function severityOfPinoLevel(level: number): number {
  if (level >= 60) return SEVERITY.critical;
  if (level >= 50) return SEVERITY.error;
  if (level >= 40) return SEVERITY.warning;
  if (level >= 30) return SEVERITY.info;
  return SEVERITY.debug;
}
