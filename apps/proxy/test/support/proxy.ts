import type { ProxyConfig } from '@harbor-ts/config';
import pino from 'pino';
import { createProxy, type BoundPorts, type HarborProxy } from '../../src/proxy';

export interface RunningProxy {
  proxy: HarborProxy;
  ports: BoundPorts;
  /** http://127.0.0.1:<http port> */
  base: string;
  /** Every log line the proxy wrote, parsed. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** The proxy in-process on port 0, logging into an array. */
export async function startProxy(config: Partial<ProxyConfig> & Pick<ProxyConfig, 'upstreams'>, level = 'info'): Promise<RunningProxy> {
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level, base: { service: 'proxy' } }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const proxy = createProxy({ http: { port: 0 }, log: { level: 'info' }, ...config }, log);
  const ports = await proxy.start();
  return { proxy, ports, base: `http://127.0.0.1:${ports.http}`, logs, stop: () => proxy.close(1_000) };
}
