import { parsePaging, type Paging } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { HarborError } from '../common/harbor-error';
import { parseList, setListHeaders } from '../projects/list-query';

// Request and response details both system-job controllers share.

/** An execution id in the path: a positive int64, as go-swagger validates it. */
export function parseJobId(name: string, raw: string): number {
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw HarborError.badRequest(`${name} in path must be of type int64: "${raw}"`);
  const id = Number(raw);
  if (id < 1) throw HarborError.badRequest(`${name} in path should be greater than or equal to 1`);
  return id;
}

/** page and page_size of a history list (executions are listed newest first, unfiltered). */
export function historyPaging(req: Request): Paging {
  const q = req.query as Record<string, string | undefined>;
  return parseList(() => parsePaging({ page: q.page, page_size: q.page_size }));
}

export function sendPage<T>(req: Request, res: Response, paging: Paging, page: { items: T[]; total: number }): T[] {
  setListHeaders(req, res, paging, page.total);
  return page.items;
}

export function sendLog(res: Response, text: string): string {
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  return text;
}

/** 201 for POST, 200 for PUT; a run started now is at <base>/<id> (Harbor's Location). */
export function sendScheduled(req: Request, res: Response, status: 200 | 201, result: { executionId?: number }): void {
  res.status(status);
  if (result.executionId !== undefined) {
    const base = req.originalUrl.split('?')[0].replace(/\/$/, '').replace(/\/schedule$/, '');
    res.setHeader('Location', `${base}/${result.executionId}`);
  }
}
