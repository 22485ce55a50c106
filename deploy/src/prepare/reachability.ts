import { coreConfig, type HarborConfig } from '@harbor-ts/config';
import { connect } from 'node:net';

export interface Endpoint {
  name: string;
  /** The harbor.yml keys that choose this endpoint, for the message. */
  keys: string;
  host: string;
  port: number;
}

/** PostgreSQL and Redis as the services will reach them outside containers. */
export function localEndpoints(c: HarborConfig): Endpoint[] {
  const { database, redis } = coreConfig(c);
  return [
    { name: 'PostgreSQL', keys: c.external_database ? 'external_database.harbor' : 'database.host', host: database.host, port: database.port },
    { name: 'Redis', keys: c.external_redis ? 'external_redis.host' : 'redis.host', host: redis.host, port: redis.port },
  ];
}

/** The endpoints that refuse a TCP connection (or do not answer in time), with the reason. */
export async function unreachable(endpoints: Endpoint[], timeoutMs = 3000): Promise<{ endpoint: Endpoint; reason: string }[]> {
  const results = await Promise.all(endpoints.map(async (endpoint) => ({ endpoint, reason: await tryConnect(endpoint, timeoutMs) })));
  return results.filter((r): r is { endpoint: Endpoint; reason: string } => r.reason !== undefined);
}

function tryConnect({ host, port }: Endpoint, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reason?: string) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done());
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}
