import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger } from 'pino';
import { formatRfc5424 } from './rfc5424';
import { FACILITY_USER, severityOfPinoLevel } from './syslog-message';
import { TcpSyslogClient } from './tcp-syslog-client';

export interface ServiceLoggerOptions {
  /** Becomes the `service` field of every line and the syslog APP-NAME (the collector's file name). */
  service: string;
  level: string;
  /** The log collector; without it the logger only writes to stdout. */
  shipTo?: { host: string; port: number };
  /** Where the JSON lines go besides the collector; stdout by default. */
  stdout?: DestinationStream;
}

/**
 * A service's pino logger: JSON lines on stdout as always, and each line also shipped to the
 * log collector as RFC 5424 syslog over TCP. Shipping never blocks or throws (see TcpSyslogClient).
 */
export function createServiceLogger(options: ServiceLoggerOptions): Logger {
  return createShippingLogger(options).logger;
}

/** The same, with the shipping client exposed (for its stats and for closing it in tests). */
export function createShippingLogger(options: ServiceLoggerOptions): { logger: Logger; client?: TcpSyslogClient } {
  const stdout = options.stdout ?? pino.destination(1);
  const base = { level: options.level, base: { service: options.service } };
  if (!options.shipTo) return { logger: pino(base, stdout) };
  const client = new TcpSyslogClient(options.shipTo);
  return { logger: pino(base, new SyslogTee(stdout, client, options.service)), client };
}

/**
 * A pino destination writing each line to stdout and to the collector. pino fills in the
 * `last*` fields before every write because of the metadata symbol, so the level is known
 * without parsing the line.
 */
class SyslogTee implements DestinationStream {
  readonly [pino.symbols.needsMetadataGsym] = true;
  lastLevel = 30;
  lastTime = '';
  private readonly hostname = hostname();
  private readonly procId = String(process.pid);

  constructor(
    private readonly stdout: DestinationStream,
    private readonly client: Pick<TcpSyslogClient, 'send'>,
    private readonly appName: string,
  ) {}

  write(line: string): void {
    this.stdout.write(line);
    const millis = Number(this.lastTime);
    this.client.send(
      formatRfc5424({
        facility: FACILITY_USER,
        severity: severityOfPinoLevel(this.lastLevel),
        timestamp: new Date(Number.isFinite(millis) && millis > 0 ? millis : Date.now()).toISOString(),
        hostname: this.hostname,
        appName: this.appName,
        procId: this.procId,
        message: line.replace(/\n$/, ''),
      }),
    );
  }
}
