// @harbor-ts/api-query: Harbor's REST list conventions (q, sort, page/page_size, Link) as pure
// functions that turn request parameters into parameterised SQL pieces and headers.
export { QueryError, type QueryErrorCode } from './errors';
export { DEFAULT_OPS, type FieldDef, type FieldSpec, type FieldType, type Operator, type Scalar } from './fields';
export { type ParseQueryOptions, type Query, type Term, parseQuery } from './parse';
export { type ColumnSpec, type CustomFilter, type SqlFragment, escapeLike, toSql } from './sql';
export { type ParseSortOptions, parseSort } from './sort';
export { type Paging, type PagingOptions, type RawParam, parsePaging } from './paging';
export { type QueryParams, linkHeader } from './links';
