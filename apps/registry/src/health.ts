import type { StorageDriver } from '@harbor-ts/storage';
import type { RequestHandler } from 'express';
import { state } from './http/request-context';

/** Healthy while the storage root answers; the proxy and orchestrators probe this. */
export function healthHandler(driver: StorageDriver): RequestHandler {
  return (_req, res) => {
    driver
      .stat('/')
      .then(() => res.json({ status: 'healthy', storage: driver.name }))
      .catch((err: Error) => {
        // The detail (an absolute path, an errno) goes to the log; the unauthenticated probe learns only the state.
        state(res).log.error({ err }, 'storage health check failed');
        res.status(503).json({ status: 'unhealthy', storage: driver.name });
      });
  };
}
