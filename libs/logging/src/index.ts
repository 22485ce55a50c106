// @harbor-ts/logging: syslog (RFC 5424, RFC 3164, RFC 6587 framing) and the services' shared logger.
export { SEVERITY, FACILITY_USER, priority, severityOfPinoLevel, type SyslogMessage } from './syslog-message';
export { type ParseResult } from './header-fields';
export { formatRfc5424, parseRfc5424 } from './rfc5424';
export { parseRfc3164 } from './rfc3164';
export { parseSyslog } from './parse';
export { encodeOctetCounted, SyslogFrameDecoder, type FrameHandler } from './framing';
export { BoundedQueue } from './bounded-queue';
export { TcpSyslogClient, type SyslogClientOptions, type SyslogClientStats } from './tcp-syslog-client';
export { UdpSyslogClient } from './udp-syslog-client';
export { createServiceLogger, createShippingLogger, type ServiceLoggerOptions } from './service-logger';
