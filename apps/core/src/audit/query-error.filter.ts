import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { QueryError } from '@harbor-ts/api-query';
import type { Response } from 'express';
import { harborErrorBody } from '../common/harbor-error';

/**
 * Renders @harbor-ts/api-query's QueryError with its own status and code: 400 BAD_REQUEST for
 * q/sort mistakes, 422 UNPROCESSABLE_ENTITY for page/page_size (go-swagger's validation, which
 * HarborError's table has no entry for). Bound to the controllers that parse list parameters.
 */
@Catch(QueryError)
export class QueryErrorFilter implements ExceptionFilter {
  catch(error: QueryError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(error.status).json(harborErrorBody(error.code, error.message));
  }
}
