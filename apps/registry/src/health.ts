import { PathNotFoundError, type StorageDriver } from '@harbor-ts/storage';
import type { RequestHandler } from 'express';
import { state } from './http/request-context';

/**
 * Healthy while the storage root answers; the proxy and orchestrators probe this. A root that
 * does not exist yet answers too (as distribution's check holds): a fresh volume gets it on the
 * first push, and that push cannot come while the probe keeps the registry out of service.
 */
export function healthHandler(driver: StorageDriver): RequestHandler {
  return (_req, res) => {
    driver
      .stat('/')
      .catch((err: unknown) => {
        if (!(err instanceof PathNotFoundError)) throw err;
      })
      .then(() => res.json({ status: 'healthy', storage: driver.name }))
      .catch((err: Error) => {
        // The detail (an absolute path, an errno) goes to the log; the unauthenticated probe learns only the state.
        state(res).log.error({ err }, 'storage health check failed');
        res.status(503).json({ status: 'unhealthy', storage: driver.name });
      });
  };
}
