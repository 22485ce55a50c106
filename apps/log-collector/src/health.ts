import { createServer, type Server } from 'node:http';

/**
 * GET /health answers {"status":"healthy", ...counters} (Harbor's component health shape);
 * the counters say how much was received, discarded as malformed, dropped and written.
 */
export function createHealthServer(stats: () => Record<string, number>): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NOT_FOUND","message":"not found"}]}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'healthy', ...stats() }));
  });
}
