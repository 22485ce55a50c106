import type { MethodTable } from '../context';

/** "GET /v2/ ... 200 OK: the registry implements the distribution specification." */
export const baseHandlers: MethodTable<'base'> = {
  GET: async ({ res }) => {
    res.json({});
  },
  HEAD: async ({ res }) => {
    res.setHeader('Content-Type', 'application/json').end();
  },
};
