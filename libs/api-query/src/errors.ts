// One error type for everything a caller typed wrong in a list request. The status and code
// are Harbor's: q and sort problems are the handler's 400 BAD_REQUEST; page/page_size problems
// come from go-swagger's parameter validation, which Harbor renders as 422 UNPROCESSABLE_ENTITY.
export type QueryErrorCode = 'BAD_REQUEST' | 'UNPROCESSABLE_ENTITY';

export class QueryError extends Error {
  readonly code: QueryErrorCode;
  readonly status: 400 | 422;

  constructor(message: string, code: QueryErrorCode = 'BAD_REQUEST') {
    super(message);
    this.name = 'QueryError';
    this.code = code;
    this.status = code === 'BAD_REQUEST' ? 400 : 422;
  }
}
