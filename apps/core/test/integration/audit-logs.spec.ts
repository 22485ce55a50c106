import { startTestStack, type TestStack } from '../support/test-stack';
import { auditScenario, type AuditScenario, expectError, type Log, resources, totalOf } from './audit-logs-setup';
import { AUDIT_EVENT_TYPES } from '../../src/audit/event-types';

let stack: TestStack;
let s: AuditScenario;

beforeAll(async () => {
  stack = await startTestStack();
  s = await auditScenario(stack);
});
afterAll(() => stack.stop());

describe('GET /audit-logs and /auditlog-exts', () => {
  it('refuses anonymous callers', async () => {
    for (const path of ['/api/v2.0/audit-logs', '/api/v2.0/auditlog-exts', '/api/v2.0/auditlog-exts/events']) expectError(await s.anon.get(path), 401, 'UNAUTHORIZED');
  });

  it('shows a sysadmin every row, newest first, in the legacy shape', async () => {
    const res = await s.admin.get<Log[]>('/api/v2.0/audit-logs');
    expect(res.status).toBe(200);
    expect(totalOf(res)).toBe(6);
    expect(res.body.map((l) => l.op_time)).toEqual(['06', '05', '04', '03', '02', '01'].map((d) => `2024-01-${d}T10:00:00.000Z`));
    expect(Object.keys(res.body[0]).sort()).toEqual(['id', 'op_time', 'operation', 'resource', 'resource_type', 'username']);
    expect(res.body[0]).toMatchObject({ operation: 'login', resource_type: 'user', resource: 'admin', username: 'admin', id: expect.any(Number) });
  });

  it('adds operation_description and operation_result in the ext shape', async () => {
    const res = await s.admin.get<Log[]>(`/api/v2.0/auditlog-exts?q=${encodeURIComponent('operation=pull')}`);
    expect(res.body).toEqual([{
      id: expect.any(Number), operation: 'pull', resource_type: 'artifact', resource: `${s.p.p1}/web:latest`, username: 'admin',
      op_time: '2024-01-03T10:00:00.000Z', operation_description: `pull artifact ${s.p.p1}/web:latest`, operation_result: false,
    }]);
  });

  it('shows others only the projects where their role grants log:list', async () => {
    const mine = await s.anon.as(s.owner).get<Log[]>('/api/v2.0/auditlog-exts');
    expect(resources(mine)).toEqual([`pull ${s.p.p1}/web:latest`, `delete ${s.p.p1}/app:v1`, `create ${s.p.p1}/app:v1`]);
    expect(totalOf(mine)).toBe(3);
    // projectAdmin of p2 only; s.maintainer of p1 does not count.
    expect(resources(await s.anon.as(s.maintainer).get<Log[]>('/api/v2.0/audit-logs'))).toEqual([`create ${s.p.p2}`]);
    const none = await s.anon.as(s.outsider).get<Log[]>('/api/v2.0/audit-logs');
    expect([none.status, none.body, totalOf(none)]).toEqual([200, [], 0]);
  });
});

describe('GET /auditlog-exts/events', () => {
  it('lists Harbor\'s event types to a sysadmin', async () => {
    const res = await s.admin.get('/api/v2.0/auditlog-exts/events');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(AUDIT_EVENT_TYPES.map((event_type) => ({ event_type })));
    expect(res.body).toHaveLength(18);
  });

  it('is forbidden to other users', async () => {
    expectError(await s.anon.as(s.owner).get('/api/v2.0/auditlog-exts/events'), 403, 'FORBIDDEN');
  });
});

describe('GET /projects/{project_name}/logs and /auditlog-exts', () => {
  const paths = (name: string) => [`/api/v2.0/projects/${name}/logs`, `/api/v2.0/projects/${name}/auditlog-exts`];

  it('lists the project\'s rows for holders of log:list', async () => {
    for (const client of [s.admin, s.anon.as(s.owner)]) {
      const [legacy, ext] = await Promise.all(paths(s.p.p1).map((path) => client.get<Log[]>(path)));
      expect(resources(legacy)).toEqual([`pull ${s.p.p1}/web:latest`, `delete ${s.p.p1}/app:v1`, `create ${s.p.p1}/app:v1`]);
      expect(legacy.body[0].operation_description).toBeUndefined();
      expect(ext.body[0]).toMatchObject({ operation_result: false, operation_description: expect.any(String) });
      expect(totalOf(ext)).toBe(3);
    }
    const filtered = await s.anon.as(s.owner).get<Log[]>(`/api/v2.0/projects/${s.p.p1}/auditlog-exts?q=operation%3Dcreate&page_size=1`);
    expect([resources(filtered), totalOf(filtered)]).toEqual([[`create ${s.p.p1}/app:v1`], 1]);
  });

  it('refuses callers without log:list, public project or not', async () => {
    for (const path of paths(s.p.p1)) {
      expectError(await s.anon.as(s.maintainer).get(path), 403, 'FORBIDDEN');
      expectError(await s.anon.as(s.outsider).get(path), 403, 'FORBIDDEN');
      expectError(await s.anon.get(path), 401, 'UNAUTHORIZED');
    }
    expectError(await s.anon.get(paths(s.p.pub)[0]), 401, 'UNAUTHORIZED');
    expectError(await s.anon.as(s.outsider).get(paths(s.p.pub)[1]), 403, 'FORBIDDEN');
    expectError(await s.anon.as(s.owner).get(paths(s.p.p2)[1]), 403, 'FORBIDDEN');
  });

  it('reveals a missing project only to a sysadmin', async () => {
    for (const path of paths('no-such-project')) {
      expectError(await s.admin.get(path), 404, 'NOT_FOUND');
      expectError(await s.anon.as(s.owner).get(path), 403, 'FORBIDDEN');
      expectError(await s.anon.get(path), 401, 'UNAUTHORIZED');
    }
  });

  it('takes the path as a name, even when numeric', async () => {
    expectError(await s.admin.get(`/api/v2.0/projects/${s.ids.p1}/logs`), 404, 'NOT_FOUND');
  });
});
