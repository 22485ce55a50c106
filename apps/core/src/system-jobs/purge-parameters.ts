import { checkEventTypeList, parseEventTypeList } from '../audit/event-types';
import { HarborError } from '../common/harbor-error';
import { integerIn, optionalBoolean, optionalString } from './job-parameters';

/** What an audit-log purge is asked to do; handed to the PURGE_AUDIT_LOG handler as its params. */
export interface PurgeParameters {
  [key: string]: unknown;
  /** Rows older than this many hours go. */
  audit_retention_hour: number;
  /** Harbor's comma-separated event types; empty purges nothing. */
  include_event_types: string;
  dry_run: boolean;
}

export function parsePurgeParameters(params: Record<string, unknown>): PurgeParameters {
  const types = optionalString(params, 'include_event_types', '');
  const problem = checkEventTypeList(types);
  if (problem) throw HarborError.badRequest(`parameter include_event_types ${problem}`);
  return {
    audit_retention_hour: integerIn(params, 'audit_retention_hour', { min: 1, max: Number.MAX_SAFE_INTEGER }),
    include_event_types: parseEventTypeList(types).join(','),
    dry_run: optionalBoolean(params, 'dry_run', false),
  };
}
