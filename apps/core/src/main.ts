import { coreConfig, loadConfigOrExit, logShippingConfig } from '@harbor-ts/config';
import { createServiceLogger } from '@harbor-ts/logging';
import { createCoreApp } from './app';

async function main(): Promise<void> {
  const loaded = loadConfigOrExit('core');
  const config = coreConfig(loaded.config);
  const log = createServiceLogger({ service: 'core', level: config.log.level, shipTo: logShippingConfig(loaded.config) });
  for (const warning of loaded.warnings) log.warn(warning);
  const core = await createCoreApp(config, log).catch((err: unknown) => {
    log.fatal({ err, database: `${config.database.host}:${config.database.port}/${config.database.database}`, redis: `${config.redis.host}:${config.redis.port}` }, 'core could not start');
    process.exit(1);
  });
  const server = await core.app.listen(config.listen.port, config.listen.host);
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0; // /v2 uploads stream through core and may take longer than any fixed limit
  log.info({ address: `http://${config.listen.host}:${config.listen.port}` }, 'core listening');
  process.send?.('ready'); // tools/scripts/start.mjs starts the next service on this
  const stop = () => void core.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
