import { loadConfigOrExit, registryConfig, logShippingConfig } from '@harbor-ts/config';
import { createServer } from 'node:http';
import { createServiceLogger } from '@harbor-ts/logging';
import { createRegistryApp } from './app';
import { HandoffReceiver } from './http/handoff';
import { scheduleUploadPurging } from './upload-purging';

/** Starts the registry: load and validate configuration, listen, shut down cleanly on signals. */
function main(): void {
  const loaded = loadConfigOrExit('registry');
  const config = registryConfig(loaded.config);
  const log = createServiceLogger({ service: 'registry', level: config.log.level, shipTo: logShippingConfig(loaded.config) });
  for (const warning of loaded.warnings) log.warn({ source: loaded.source }, warning);
  const { app, notifier, driver } = createRegistryApp(config, log, { processMetrics: true });
  const stopPurging = scheduleUploadPurging(driver, config.uploadPurging, log);
  const handoffs = new HandoffReceiver();
  const server = createServer(handoffs.guard(app));
  server.listen(config.listen.port, config.listen.host, () => {
    log.info({ address: `http://${config.listen.host}:${config.listen.port}`, storage: config.storage.rootDirectory, auth: Boolean(config.auth) }, 'registry listening');
    process.send?.('ready'); // tools/scripts/start.mjs starts the next service on this
  });
  handoffs.listen(server, process, log);
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0; // multi-GiB layers may take longer than any fixed limit
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    notifier.close();
    stopPurging();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main();
