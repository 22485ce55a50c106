import { loadConfigOrExit, logShippingConfig, portalConfig } from '@harbor-ts/config';
import { createServiceLogger } from '@harbor-ts/logging';
import { join } from 'node:path';
import { startPortalServer } from './server';

/** Starts portal-api: the web portal's files beside this bundle (dist/apps/portal-api/public). */
async function main(): Promise<void> {
  const loaded = loadConfigOrExit('portal-api');
  const config = portalConfig(loaded.config);
  const log = createServiceLogger({ service: 'portal', level: config.log.level, shipTo: logShippingConfig(loaded.config) });
  for (const warning of loaded.warnings) log.warn({ source: loaded.source }, warning);
  const publicDir = join(__dirname, 'public');
  const server = await startPortalServer({ publicDir, ...config.listen }).catch((err: unknown) => {
    log.fatal({ err, listen: config.listen }, 'portal could not start');
    process.exit(1);
  });
  log.info({ address: `http://${config.listen.host}:${server.port}`, publicDir }, 'portal listening');
  process.send?.('ready'); // tools/scripts/start.mjs starts the next service on this
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), 5_000).unref();
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

void main();
