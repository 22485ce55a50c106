// Shared by the /system/gc and /system/purgeaudit specs: callers of each kind and the schedule
// bodies Harbor's portal sends.
import type { DataSource } from 'typeorm';
import { ApiClient, type ApiResponse, type Credentials } from '../support/api-client';
import { ADMIN, type TestStack } from '../support/test-stack';
import { createUser, systemRobot } from './users-helpers';

export interface Callers {
  anon: ApiClient;
  admin: ApiClient;
  /** A plain user: authenticated, not a sysadmin. */
  user: ApiClient;
  /** A system robot granted every action on the given resource. */
  robot: (resource: string) => Promise<ApiClient>;
}

export async function callers(stack: TestStack): Promise<Callers> {
  const anon = new ApiClient(stack.url);
  const admin = anon.as(ADMIN);
  const user = anon.as(await createUser(admin));
  const db: DataSource = stack.core.deps.db;
  const robot = async (resource: string) => {
    const access = ['read', 'create', 'list', 'update', 'stop'].map((action) => ({ resource, action }));
    return anon.as((await systemRobot(db, access)) as Credentials);
  };
  return { anon, admin, user, robot };
}

export const schedule = (type: string, cron?: string, parameters?: Record<string, unknown>) => ({
  schedule: { type, ...(cron === undefined ? {} : { cron }) },
  ...(parameters === undefined ? {} : { parameters }),
});

export function expectError(res: ApiResponse, status: number, code: string, message?: RegExp): void {
  expect({ status: res.status, code: (res.body as { errors?: { code: string }[] }).errors?.[0]?.code }).toEqual({ status, code });
  expect(res.body).toEqual({ errors: [{ code, message: message ? expect.stringMatching(message) : expect.any(String) }] });
}

/** What the job tables hold, to show a refused request changed nothing. */
export async function jobRows(db: DataSource): Promise<{ executions: number; schedules: unknown[] }> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM execution`);
  const schedules = await db.query(`SELECT vendor_type, cron_type, cron, params FROM schedule ORDER BY vendor_type`);
  return { executions: n, schedules };
}
