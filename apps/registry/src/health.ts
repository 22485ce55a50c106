import type { StorageDriver } from '@harbor-ts/storage';
import type { RequestHandler } from 'express';

/** Healthy while the storage root answers; the proxy and orchestrators probe this. */
export function healthHandler(driver: StorageDriver): RequestHandler {
  return (_req, res) => {
    driver
      .stat('/')
      .then(() => res.json({ status: 'healthy', storage: driver.name }))
      .catch((err: Error) => res.status(503).json({ status: 'unhealthy', storage: driver.name, error: err.message }));
  };
}
