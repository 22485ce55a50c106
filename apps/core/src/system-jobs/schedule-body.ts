import { CronExpressionParser } from 'cron-parser';
import { HarborError } from '../common/harbor-error';
import type { ScheduleSpec } from '../jobs/job-launcher';

/** What POST/PUT .../schedule asks for: run now, save a cron, or remove the schedule. */
export type ScheduleRequest =
  | { kind: 'run'; parameters: Record<string, unknown> }
  | { kind: 'save'; schedule: ScheduleSpec; parameters: Record<string, unknown> }
  | { kind: 'remove' };

const PERIODIC = ['Hourly', 'Daily', 'Weekly', 'Custom', 'Schedule'] as const;
type Periodic = (typeof PERIODIC)[number];

// What Harbor's portal sends for the preset types; used when a client names the type only.
const PRESET_CRONS: Partial<Record<Periodic, string>> = { Hourly: '0 0 * * * *', Daily: '0 0 0 * * *', Weekly: '0 0 0 * * 0' };

/**
 * Harbor's Schedule body: {"schedule": {"type", "cron"}, "parameters": {...}}. The
 * parameters are checked by the job kind; the cron here: six fields (seconds first), as
 * Harbor's scheduler takes it.
 */
export function parseScheduleBody(body: unknown): ScheduleRequest {
  if (!isObject(body)) throw HarborError.badRequest('invalid request body: a JSON object is required');
  const schedule = body.schedule;
  if (!isObject(schedule)) throw HarborError.badRequest('empty schedule: the body needs "schedule": {"type": ..., "cron": ...}');
  const parameters = body.parameters ?? {};
  if (!isObject(parameters)) throw HarborError.badRequest('invalid request body: "parameters" must be an object');
  const type = schedule.type;
  if (type === 'Manual') return { kind: 'run', parameters };
  if (type === 'None') return { kind: 'remove' };
  if (typeof type !== 'string' || !(PERIODIC as readonly string[]).includes(type)) {
    throw HarborError.badRequest(`invalid schedule type: ${JSON.stringify(type)}; one of Hourly, Daily, Weekly, Custom, Schedule, Manual, None`);
  }
  const given = typeof schedule.cron === 'string' ? schedule.cron.trim() : '';
  const cron = given !== '' ? given : PRESET_CRONS[type as Periodic];
  if (cron === undefined) throw HarborError.badRequest(`invalid cron: a ${type} schedule needs a cron`);
  checkCron(cron);
  return { kind: 'save', schedule: { type: type as Periodic, cron }, parameters };
}

/** 400 "invalid cron" unless the expression has six fields, the parser accepts them and seconds is 0. */
export function checkCron(cron: string): void {
  const fields = cron.split(/\s+/).length;
  if (fields !== 6) throw HarborError.badRequest(`invalid cron "${cron}": expected 6 fields (second minute hour day-of-month month day-of-week), got ${fields}`);
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC' });
  } catch (err) {
    throw HarborError.badRequest(`invalid cron "${cron}": ${(err as Error).message}`);
  }
  // Harbor's rule: a job per second is never meant.
  if (cron.split(/\s+/)[0] !== '0') throw HarborError.badRequest(`invalid cron "${cron}": the 1st field (seconds) must be 0`);
}

/** When the cron fires next (UTC), for the schedule view. */
export function nextRun(cron: string, after = new Date()): string | undefined {
  try {
    return CronExpressionParser.parse(cron, { tz: 'UTC', currentDate: after }).next().toISOString() ?? undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
