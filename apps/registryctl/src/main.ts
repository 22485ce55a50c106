import { loadConfigOrExit, registryctlConfig, logShippingConfig } from '@harbor-ts/config';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServiceLogger } from '@harbor-ts/logging';
import { createRegistryctlApp } from './app';

/** Starts registryctl: load and validate configuration, read the internal secret, listen, stop on signals. */
function main(): void {
  const loaded = loadConfigOrExit('registryctl');
  const config = registryctlConfig(loaded.config);
  const log = createServiceLogger({ service: 'registryctl', level: config.log.level, shipTo: logShippingConfig(loaded.config) });
  for (const warning of loaded.warnings) log.warn({ source: loaded.source }, warning);
  let secret: string;
  try {
    secret = readFileSync(config.internalSecretFile, 'utf8').trim();
  } catch (err) {
    log.fatal({ err, file: config.internalSecretFile }, 'cannot read the internal secret');
    process.exit(2);
  }
  const { app } = createRegistryctlApp({ rootDirectory: config.storage.rootDirectory, secret, log, metrics: config.metricsEnabled });
  const server = createServer(app);
  server.listen(config.listen.port, config.listen.host, () => {
    log.info({ address: `http://${config.listen.host}:${config.listen.port}`, storage: config.storage.rootDirectory }, 'registryctl listening');
    process.send?.('ready');
  });
  server.requestTimeout = 0; // a blob listing of a large storage streams for as long as the walk takes
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main();
