import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { QueryError } from '@harbor-ts/api-query';
import { QueryErrorFilter } from '../audit/query-error.filter';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import type { SearchResult } from './project-view';
import { SearchService } from './search.service';

@Controller()
@UseFilters(QueryErrorFilter)
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('api/v2.0/search')
  find(@Ctx() ctx: SecurityContext, @Query('q') q: unknown): Promise<SearchResult> {
    return this.search.search(ctx, keyword(q));
  }
}

/** q is a required string in Harbor's swagger; go-swagger refuses a missing or empty one with 422. */
function keyword(q: unknown): string {
  const value = Array.isArray(q) ? q[q.length - 1] : q;
  if (typeof value !== 'string' || value === '') {
    throw new QueryError('validation failure list:\nq in query is required', 'UNPROCESSABLE_ENTITY');
  }
  return value;
}
