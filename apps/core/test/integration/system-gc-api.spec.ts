import type { DataSource } from 'typeorm';
import { startTestStack, type TestStack } from '../support/test-stack';
import { type Callers, callers, expectError, jobRows, schedule } from './system-jobs-helpers';

// /api/v2.0/system/gc: who may call it, what it refuses, and the schedule it keeps.

let stack: TestStack;
let db: DataSource;
let c: Callers;
const GC = '/api/v2.0/system/gc';

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  c = await callers(stack);
});
afterAll(() => stack.stop());

const requests: [string, string, unknown?][] = [
  ['GET', GC],
  ['GET', `${GC}/1`],
  ['PUT', `${GC}/1`],
  ['GET', `${GC}/1/log`],
  ['GET', `${GC}/schedule`],
  ['POST', `${GC}/schedule`, schedule('Manual')],
  ['PUT', `${GC}/schedule`, schedule('Daily', '0 0 0 * * *')],
];

describe('permissions', () => {
  it('answers 401 to anonymous callers and 403 to users and to robots without garbage-collection', async () => {
    const before = await jobRows(db);
    const purgeRobot = await c.robot('purge-audit');
    for (const [method, path, body] of requests) {
      expectError(await c.anon.request(method, path, body), 401, 'UNAUTHORIZED');
      expectError(await c.user.request(method, path, body), 403, 'FORBIDDEN');
      expectError(await purgeRobot.request(method, path, body), 403, 'FORBIDDEN');
    }
    expect(await jobRows(db)).toEqual(before);
  });
});

describe('bad input', () => {
  it.each([
    ['workers 0', schedule('Manual', undefined, { workers: 0 }), /workers must be an integer between 1 and 10/],
    ['workers 11', schedule('Manual', undefined, { workers: 11 }), /workers/],
    ['fractional workers', schedule('Manual', undefined, { workers: 1.5 }), /workers/],
    ['workers as a string', schedule('Manual', undefined, { workers: '3' }), /workers/],
    ['a negative time_window', schedule('Manual', undefined, { time_window: -1 }), /time_window must be an integer between 0 and 8760/],
    ['a time_window over a year', schedule('Manual', undefined, { time_window: 8761 }), /time_window/],
    ['a non-boolean delete_untagged', schedule('Manual', undefined, { delete_untagged: 'yes' }), /delete_untagged must be a boolean/],
    ['a non-boolean dry_run', schedule('Daily', '0 0 0 * * *', { dry_run: 1 }), /dry_run must be a boolean/],
    ['no schedule', { parameters: {} }, /empty schedule/],
    ['an unknown schedule type', schedule('Sometimes', '0 0 0 * * *'), /invalid schedule type/],
    ['parameters that are not an object', { schedule: { type: 'Manual' }, parameters: [1] }, /parameters/],
    ['a Custom schedule without cron', schedule('Custom'), /invalid cron/],
    ['a cron of 4 fields', schedule('Custom', '0 * * *'), /invalid cron "0 \* \* \*": expected 6 fields/],
    ['a cron with hour 25', schedule('Daily', '0 0 25 * * *'), /invalid cron .*25/],
    ['a cron firing every second', schedule('Custom', '* * * * * *'), /invalid cron .*seconds/],
    ['a body that is not an object', [1, 2], /JSON object/],
  ])('POST and PUT /schedule refuse %s with 400 and store nothing', async (_what, body, message) => {
    const before = await jobRows(db);
    expectError(await c.admin.post(`${GC}/schedule`, body), 400, 'BAD_REQUEST', message);
    expectError(await c.admin.put(`${GC}/schedule`, body), 400, 'BAD_REQUEST', message);
    expect(await jobRows(db)).toEqual(before);
  });

  it('refuses ids that are not positive integers', async () => {
    for (const [method, path] of [['GET', `${GC}/abc`], ['PUT', `${GC}/0`], ['GET', `${GC}/-1/log`], ['GET', `${GC}/99999999999999999999`]]) {
      expectError(await c.admin.request(method, path), 400, 'BAD_REQUEST', /gc_id in path/);
    }
  });
});
