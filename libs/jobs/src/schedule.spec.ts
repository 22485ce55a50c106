import { cronProblem, nextFireTime, ScheduleError, scheduleCron } from './schedule';

describe('scheduleCron (what core stores for a Harbor schedule object)', () => {
  it.each([
    [{ type: 'Hourly' }, '0 0 * * * *'],
    [{ type: 'Daily', cron: '' }, '0 0 0 * * *'],
    [{ type: 'Weekly' }, '0 0 0 * * 0'],
    [{ type: 'Daily', cron: '0 30 2 * * *' }, '0 30 2 * * *'],
    [{ type: 'Custom', cron: ' 0 */5 * * * * ' }, '0 */5 * * * *'],
    [{ type: 'Schedule', cron: '0 0 12 * * 1-5' }, '0 0 12 * * 1-5'],
  ])('%j -> %s', (spec, cron) => expect(scheduleCron(spec)).toBe(cron));

  it.each(['None', 'Manual'])('%s removes the schedule', (type) => expect(scheduleCron({ type, cron: '0 0 0 * * *' })).toBeUndefined());

  it.each([
    [{ type: 'Yearly' }, 'invalid schedule type "Yearly": must be one of None, Hourly, Daily, Weekly, Custom, Manual, Schedule'],
    [{ type: 'Custom' }, 'empty cron string is invalid'],
    [{ type: 'Custom', cron: '0 0 * * *' }, 'invalid cron "0 0 * * *": expected 6 fields (seconds minutes hours day-of-month month day-of-week)'],
    [{ type: 'Custom', cron: '*/5 * * * * *' }, 'the 1st field (indicating Seconds of time) of the cron setting must be 0'],
    [{ type: 'Custom', cron: '0 0 25 * * *' }, expect.stringMatching(/^invalid cron "0 0 25 \* \* \*": /)],
  ])('%j is refused', (spec, message) => {
    expect(() => scheduleCron(spec)).toThrow(ScheduleError);
    try {
      scheduleCron(spec);
    } catch (err) {
      expect((err as Error).message).toEqual(message);
    }
  });
});

test('jobservice accepts any valid 6-field cron when told to', () => {
  expect(cronProblem('* * * * * *', { zeroSeconds: false })).toBeUndefined();
  expect(cronProblem('* * * * * *')).toMatch(/Seconds/);
});

test('nextFireTime follows the cron', () => {
  expect(nextFireTime('0 0 0 * * *', new Date('2026-03-04T05:06:07Z')).toISOString()).toMatch(/^2026-03-0[45]T/);
  expect(nextFireTime('0 */15 * * * *', new Date('2026-03-04T05:06:07Z')).getUTCMinutes()).toBe(15);
});
