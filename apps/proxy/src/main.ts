import { loadConfigOrExit, proxyConfig, logShippingConfig } from '@harbor-ts/config';
import { createServiceLogger } from '@harbor-ts/logging';
import { createHandoff } from './handoff';
import { createProxy, type HarborProxy } from './proxy';
import { ProxyStartError } from './tls';

/** Starts the proxy: load and validate configuration, listen, shut down cleanly on signals. */
async function main(): Promise<void> {
  const loaded = loadConfigOrExit('proxy');
  const config = proxyConfig(loaded.config);
  const log = createServiceLogger({ service: 'proxy', level: config.log.level, shipTo: logShippingConfig(loaded.config) });
  for (const warning of loaded.warnings) log.warn({ source: loaded.source }, warning);
  let proxy: HarborProxy;
  try {
    proxy = createProxy(config, log, createHandoff(process, log));
  } catch (err) {
    if (err instanceof ProxyStartError) refuse(err.message);
    throw err;
  }
  await proxy.start();
  process.send?.('ready'); // tools/scripts/start.mjs reports the stack ready on this
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), 10_000).unref();
    void proxy.close(9_000).then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** Problems an operator must fix in the configuration exit 2, like the registry. */
function refuse(message: string): never {
  process.stderr.write(`proxy: ${message}\n`);
  process.exit(2);
}

main().catch((err: unknown) => {
  process.stderr.write(`proxy: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
