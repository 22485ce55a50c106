import { z } from 'zod';
import { hostName, port } from './primitives';

/**
 * The log collector (Harbor's `log` container): every service ships syslog to it, and it writes
 * one file per service under log.local.location or forwards to log.external_endpoint.
 */
export const logCollectorSection = z.strictObject({
  bind: hostName().prefault('127.0.0.1'),
  /** Syslog over TCP and UDP (Harbor's log container listens on 10514). */
  port: port().prefault(1514),
  /** The name the other services reach the collector by; the loopback form of `bind` when absent. */
  host: hostName().optional(),
  /** Plain HTTP GET /health, on `bind`. */
  health_port: port().prefault(8480),
});
