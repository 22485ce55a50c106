import type { DataSource } from 'typeorm';
import { startTestStack, type TestStack } from '../support/test-stack';
import { type Callers, callers, expectError, jobRows, schedule } from './system-jobs-helpers';

// /api/v2.0/system/purgeaudit: who may call it, what it refuses, and the schedule it keeps.

let stack: TestStack;
let db: DataSource;
let c: Callers;
const PURGE = '/api/v2.0/system/purgeaudit';
const valid = { audit_retention_hour: 168, include_event_types: 'create_artifact,pull_artifact', dry_run: true };

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  c = await callers(stack);
});
afterAll(() => stack.stop());

const requests: [string, string, unknown?][] = [
  ['GET', PURGE],
  ['GET', `${PURGE}/1`],
  ['PUT', `${PURGE}/1`],
  ['GET', `${PURGE}/1/log`],
  ['GET', `${PURGE}/schedule`],
  ['POST', `${PURGE}/schedule`, schedule('Manual', undefined, valid)],
  ['PUT', `${PURGE}/schedule`, schedule('Hourly', '0 0 * * * *', valid)],
];

describe('permissions', () => {
  it('answers 401 to anonymous callers and 403 to users and to robots without purge-audit', async () => {
    const before = await jobRows(db);
    const gcRobot = await c.robot('garbage-collection');
    for (const [method, path, body] of requests) {
      expectError(await c.anon.request(method, path, body), 401, 'UNAUTHORIZED');
      expectError(await c.user.request(method, path, body), 403, 'FORBIDDEN');
      expectError(await gcRobot.request(method, path, body), 403, 'FORBIDDEN');
    }
    expect(await jobRows(db)).toEqual(before);
  });
});

describe('bad input', () => {
  it.each([
    ['no audit_retention_hour', { include_event_types: 'pull_artifact' }, /audit_retention_hour must be an integer at least 1, got null/],
    ['audit_retention_hour 0', { ...valid, audit_retention_hour: 0 }, /audit_retention_hour/],
    ['a negative audit_retention_hour', { ...valid, audit_retention_hour: -24 }, /audit_retention_hour/],
    ['audit_retention_hour as a string', { ...valid, audit_retention_hour: '168' }, /audit_retention_hour/],
    ['an unknown event type', { ...valid, include_event_types: 'pull_artifact,drop_table' }, /include_event_types names unknown audit event types: drop_table/],
    ['event types as a list', { ...valid, include_event_types: ['pull_artifact'] }, /include_event_types must be a string/],
    ['a non-boolean dry_run', { ...valid, dry_run: 'true' }, /dry_run must be a boolean/],
  ])('POST and PUT /schedule refuse %s with 400 and store nothing', async (_what, parameters, message) => {
    const before = await jobRows(db);
    for (const type of ['Manual', 'Daily']) {
      const body = schedule(type, type === 'Daily' ? '0 0 0 * * *' : undefined, parameters);
      expectError(await c.admin.post(`${PURGE}/schedule`, body), 400, 'BAD_REQUEST', message);
      expectError(await c.admin.put(`${PURGE}/schedule`, body), 400, 'BAD_REQUEST', message);
    }
    expect(await jobRows(db)).toEqual(before);
  });

  it('refuses an invalid cron with 400 and stores nothing', async () => {
    const before = await jobRows(db);
    expectError(await c.admin.put(`${PURGE}/schedule`, schedule('Custom', '0 0 0 32 * *', valid)), 400, 'BAD_REQUEST', /invalid cron/);
    expect(await jobRows(db)).toEqual(before);
  });

  it('refuses ids that are not positive integers', async () => {
    for (const [method, path] of [['GET', `${PURGE}/x`], ['PUT', `${PURGE}/0`], ['GET', `${PURGE}/1.5/log`]]) {
      expectError(await c.admin.request(method, path), 400, 'BAD_REQUEST', /purge_id in path/);
    }
  });
});
