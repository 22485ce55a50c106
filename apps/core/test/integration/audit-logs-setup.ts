// The audit rows and callers both audit-log specs run against.
import { ApiClient, type ApiResponse, type Credentials } from '../support/api-client';
import { ADMIN, type TestStack, uniqueName } from '../support/test-stack';
import { fixtures, ROLE } from './search-fixtures';

export type Log = { id: number; resource: string; resource_type: string; username: string; operation: string; op_time: string; operation_description?: string; operation_result?: boolean };

export interface AuditScenario {
  anon: ApiClient;
  admin: ApiClient;
  /** projectAdmin of p1: log:list there. */
  owner: Credentials;
  /** maintainer of p1 (no log:list), projectAdmin of p2. */
  maintainer: Credentials;
  outsider: Credentials;
  p: { p1: string; p2: string; pub: string };
  ids: Record<'p1' | 'p2' | 'pub', number>;
}

/** Six rows: three in p1, one each in p2 and pub, one system-wide login; a day apart, oldest first. */
export async function auditScenario(stack: TestStack): Promise<AuditScenario> {
  const anon = new ApiClient(stack.url);
  const f = fixtures(stack.core.deps.db);
  const [owner, maintainer, outsider] = [await f.user('owner'), await f.user('maint'), await f.user('outsider')];
  const p = { p1: uniqueName('audit-a'), p2: uniqueName('audit-b'), pub: uniqueName('audit-pub') };
  const ids = { p1: await f.project(p.p1, false), p2: await f.project(p.p2, false), pub: await f.project(p.pub, true) };
  await f.member(ids.p1, owner.id, ROLE.projectAdmin);
  await f.member(ids.p1, maintainer.id, ROLE.maintainer);
  await f.member(ids.p2, maintainer.id, ROLE.projectAdmin);
  const rows = [
    { projectId: ids.p1, operation: 'create', resourceType: 'artifact', resource: `${p.p1}/app:v1`, username: owner.username },
    { projectId: ids.p1, operation: 'delete', resourceType: 'artifact', resource: `${p.p1}/app:v1`, username: owner.username },
    { projectId: ids.p1, operation: 'pull', resourceType: 'artifact', resource: `${p.p1}/web:latest`, username: 'admin', success: false },
    { projectId: ids.p2, operation: 'create', resourceType: 'project', resource: p.p2, username: maintainer.username },
    { projectId: ids.pub, operation: 'create', resourceType: 'project', resource: p.pub, username: 'admin' },
    { projectId: 0, operation: 'login', resourceType: 'user', resource: 'admin', username: 'admin' },
  ];
  for (const [i, row] of rows.entries()) await f.audit({ ...row, opTime: `2024-01-0${i + 1}T10:00:00Z` });
  return { anon, admin: anon.as(ADMIN), owner, maintainer, outsider, p, ids };
}

export const resources = (res: ApiResponse<Log[]>) => res.body.map((l) => `${l.operation} ${l.resource}`);
export const totalOf = (res: ApiResponse) => Number(res.headers.get('x-total-count'));

export function expectError(res: ApiResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ errors: [{ code, message: expect.any(String) }] });
}
