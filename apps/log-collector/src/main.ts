import { loadConfigOrExit, logCollectorConfig } from '@harbor-ts/config';
import pino from 'pino';
import { startLogCollector } from './collector';
import { createHealthServer } from './health';

/**
 * Starts the log collector: syslog in over TCP and UDP, per-service files or forwarding out,
 * /health on its own port. Its own log goes to stdout only: shipping it to itself would loop.
 */
async function main(): Promise<void> {
  const loaded = loadConfigOrExit('log-collector');
  const config = logCollectorConfig(loaded.config);
  const log = pino({ level: config.log.level, base: { service: 'log-collector' } });
  for (const warning of loaded.warnings) log.warn({ source: loaded.source }, warning);
  const collector = await startLogCollector({ listen: config.listen, files: config.files, forward: config.forward, log }).catch((err: unknown) => {
    log.fatal({ err, listen: config.listen, directory: config.files?.directory }, 'log collector could not start');
    process.exit(1);
  });
  const health = createHealthServer(() => collector.stats());
  await new Promise<void>((ok, fail) => health.once('error', fail).listen(config.health.port, config.health.host, ok)).catch((err: unknown) => {
    log.fatal({ err, health: config.health }, 'log collector health endpoint could not start');
    process.exit(1);
  });
  const destination = config.forward ? `${config.forward.protocol}://${config.forward.host}:${config.forward.port}` : config.files?.directory;
  log.info({ syslog: `${config.listen.host}:${collector.port}`, health: `http://${config.health.host}:${config.health.port}/health`, destination }, 'log collector listening');
  process.send?.('ready'); // tools/scripts/start.mjs starts the next service on this
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), 5_000).unref();
    health.close();
    void collector.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

void main();
