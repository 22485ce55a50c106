import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { parsePaging, parseSort } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { parseList, setListHeaders } from '../projects/list-query';
import { parseBody } from '../common/parse-body';
import { QuotasService } from './quotas.service';

const BASE = 'api/v2.0/quotas';
const SORTS = {
  'hard.storage': 'q.hard_storage',
  'used.storage': 'q.used_storage',
  creation_time: 'q.creation_time',
  update_time: 'q.update_time',
  id: 'q.id',
};
const quotaUpdateSchema = z.strictObject({ hard: z.record(z.string(), z.number().int()).nullable().optional() });

@Controller()
export class QuotasController {
  constructor(private readonly quotas: QuotasService) {}

  @Get(BASE)
  async list(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response, @Query() q: Record<string, string>) {
    const { paging, orderBy } = parseList(() => ({
      paging: parsePaging({ page: q.page, page_size: q.page_size }),
      orderBy: parseSort(q.sort, SORTS, { fallback: '-creation_time' }),
    }));
    const { total, items } = await this.quotas.list(ctx, { reference: q.reference, referenceId: q.reference_id }, orderBy, paging);
    setListHeaders(req, res, paging, total);
    return items;
  }

  @Get(`${BASE}/:id`)
  get(@Ctx() ctx: SecurityContext, @Param('id') id: string) {
    return this.quotas.get(ctx, quotaId(id));
  }

  @Put(`${BASE}/:id`)
  update(@Ctx() ctx: SecurityContext, @Param('id') id: string, @Body() body: unknown) {
    const quota = quotaId(id);
    return this.quotas.update(ctx, quota, parseBody(quotaUpdateSchema, body).hard ?? undefined);
  }
}

function quotaId(raw: string): number {
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw HarborError.badRequest(`id in path must be of type int64: "${raw}"`);
  return Number(raw);
}
