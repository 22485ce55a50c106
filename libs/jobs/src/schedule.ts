import { CronExpressionParser } from 'cron-parser';

/**
 * Harbor's schedule object (ScheduleObj): None removes the schedule, Manual means "run now" and
 * is never stored, the others carry a 6-field cron with seconds first ("0 0 0 * * *").
 */
export const SCHEDULE_TYPES = ['None', 'Hourly', 'Daily', 'Weekly', 'Custom', 'Manual', 'Schedule'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

/** The crons Harbor's portal sends for the fixed choices; used when the caller gives none. */
export const PRESET_CRONS: Readonly<Record<'Hourly' | 'Daily' | 'Weekly', string>> = {
  Hourly: '0 0 * * * *',
  Daily: '0 0 0 * * *',
  Weekly: '0 0 0 * * 0',
};

export class ScheduleError extends Error {}

export interface CronRules {
  /** Harbor refuses crons whose seconds field is not 0 (a job per second is never meant). */
  zeroSeconds: boolean;
}

/** The reason a cron is refused, or undefined when it is a valid 6-field cron. */
export function cronProblem(cron: string, rules: CronRules = { zeroSeconds: true }): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (cron.trim() === '') return 'empty cron string is invalid';
  if (fields.length !== 6) return `invalid cron "${cron}": expected 6 fields (seconds minutes hours day-of-month month day-of-week)`;
  try {
    CronExpressionParser.parse(cron, { strict: false });
  } catch (err) {
    return `invalid cron "${cron}": ${err instanceof Error ? err.message : String(err)}`;
  }
  if (rules.zeroSeconds && fields[0] !== '0') return 'the 1st field (indicating Seconds of time) of the cron setting must be 0';
  return undefined;
}

export function isScheduleType(value: unknown): value is ScheduleType {
  return typeof value === 'string' && (SCHEDULE_TYPES as readonly string[]).includes(value);
}

/**
 * Validates a schedule as core receives it. Returns the cron to store, or undefined when the
 * schedule is to be removed (None, Manual). Throws ScheduleError with a message for a 400.
 */
export function scheduleCron(spec: { type: unknown; cron?: unknown }): string | undefined {
  if (!isScheduleType(spec.type)) throw new ScheduleError(`invalid schedule type "${String(spec.type)}": must be one of ${SCHEDULE_TYPES.join(', ')}`);
  if (spec.type === 'None' || spec.type === 'Manual') return undefined;
  const given = typeof spec.cron === 'string' ? spec.cron.trim() : '';
  const cron = given === '' && spec.type in PRESET_CRONS ? PRESET_CRONS[spec.type as keyof typeof PRESET_CRONS] : given;
  const problem = cronProblem(cron);
  if (problem) throw new ScheduleError(problem);
  return cron;
}

/** When the cron fires next after `from`. */
export function nextFireTime(cron: string, from: Date = new Date()): Date {
  return CronExpressionParser.parse(cron, { currentDate: from }).next().toDate();
}
