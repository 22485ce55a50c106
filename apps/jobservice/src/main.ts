import { jobserviceConfig, loadConfigOrExit, logShippingConfig } from '@harbor-ts/config';
import { createServiceLogger } from '@harbor-ts/logging';
import { createPool } from './db';
import { productionHandlers } from './handlers';
import { createJobService } from './service';

/** Starts jobservice: load and validate configuration, run the queues, shut down on signals. */
async function main(): Promise<void> {
  const loaded = loadConfigOrExit('jobservice');
  const config = jobserviceConfig(loaded.config);
  const log = createServiceLogger({ service: 'jobservice', level: config.log.level, shipTo: logShippingConfig(loaded.config) });
  for (const warning of loaded.warnings) log.warn({ source: loaded.source }, warning);
  const handlerDb = createPool(config.database, log);
  const service = createJobService(config, log, productionHandlers({ config, db: handlerDb, log }));
  await service.start();
  process.send?.('ready'); // tools/scripts/start.mjs reports the stack ready on this
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), 15_000).unref();
    void service
      .close(10_000)
      .then(() => handlerDb.end())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** A bad configuration has exited 2 already; what else stops the start (PostgreSQL or Redis out of reach) exits 1. */
main().catch((err: unknown) => {
  process.stderr.write(`jobservice: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
