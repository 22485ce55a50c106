import { startTestStack, type TestStack } from '../support/test-stack';
import { auditScenario, type AuditScenario, expectError, type Log, resources, totalOf } from './audit-logs-setup';

let stack: TestStack;
let s: AuditScenario;

beforeAll(async () => {
  stack = await startTestStack();
  s = await auditScenario(stack);
});
afterAll(() => stack.stop());

const auditCount = async () => (await stack.core.deps.db.query(`SELECT count(*)::int AS n FROM audit_log_ext`))[0].n;

describe('filters, sorting and paging', () => {
  const list = (query: string, client = s.admin) => client.get<Log[]>(`/api/v2.0/auditlog-exts?${query}`);
  const q = (value: string) => `q=${encodeURIComponent(value)}`;

  it('filters by username, operation, resource, resource_type and op_time range', async () => {
    expect(resources(await list(q(`username=${s.owner.username}`)))).toEqual([`delete ${s.p.p1}/app:v1`, `create ${s.p.p1}/app:v1`]);
    expect(resources(await list(q('operation={delete pull}')))).toEqual([`pull ${s.p.p1}/web:latest`, `delete ${s.p.p1}/app:v1`]);
    expect(resources(await list(q('resource=~WEB')))).toEqual([`pull ${s.p.p1}/web:latest`]);
    expect(resources(await list(q('resource_type=project,operation=create')))).toEqual([`create ${s.p.pub}`, `create ${s.p.p2}`]);
    expect(resources(await list(q('op_time=[2024-01-02 00:00:00~2024-01-03 23:59:59]')))).toEqual([`pull ${s.p.p1}/web:latest`, `delete ${s.p.p1}/app:v1`]);
    // A filter never widens the caller's scope.
    expect(resources(await list(q('operation=create'), s.anon.as(s.owner)))).toEqual([`create ${s.p.p1}/app:v1`]);
  });

  it('sorts by the given keys', async () => {
    const res = await list('sort=op_time&page_size=2');
    expect(res.body.map((l) => l.op_time)).toEqual(['2024-01-01T10:00:00.000Z', '2024-01-02T10:00:00.000Z']);
    expect(resources(await list(`sort=resource_type,-op_time&${q('operation=create')}`))).toEqual([`create ${s.p.p1}/app:v1`, `create ${s.p.pub}`, `create ${s.p.p2}`]);
  });

  it('pages with X-Total-Count and Link', async () => {
    const res = await list('page=2&page_size=2');
    expect(totalOf(res)).toBe(6);
    expect(res.body).toHaveLength(2);
    expect(res.headers.get('link')).toBe(
      '</api/v2.0/auditlog-exts?page=1&page_size=2>; rel="prev" , </api/v2.0/auditlog-exts?page=3&page_size=2>; rel="next"',
    );
    expect((await list('page=4&page_size=2')).body).toEqual([]);
  });

  it('refuses bad q, sort and paging with Harbor\'s errors', async () => {
    expectError(await list(q('project_id=1')), 400, 'BAD_REQUEST');
    expectError(await list(q('op_time=[yesterday~today]')), 400, 'BAD_REQUEST');
    expectError(await list(q('username')), 400, 'BAD_REQUEST');
    expectError(await list('sort=operation_description'), 400, 'BAD_REQUEST');
    expectError(await list('page_size=101'), 422, 'UNPROCESSABLE_ENTITY');
    expectError(await list('page=abc'), 422, 'UNPROCESSABLE_ENTITY');
  });

  it('treats injection attempts as data', async () => {
    for (const value of ["username=~%' OR 1=1 --", "resource=x') OR ('1'='1", 'username=~%', 'username=~_']) {
      const res = await list(q(value));
      expect({ value, status: res.status, body: res.body }).toEqual({ value, status: 200, body: [] });
    }
    // List members are split on spaces and unquoted: "create'" is just the value create.
    const listed = await list(q("operation={create' OR 'a'='a}"));
    expect(listed.body.map((l) => l.operation)).toEqual(['create', 'create', 'create']);
    expectError(await list('sort=op_time;DROP TABLE audit_log_ext'), 400, 'BAD_REQUEST');
    expectError(await list(`sort=${encodeURIComponent('op_time DESC, (SELECT 1)')}`), 400, 'BAD_REQUEST');
    expect(await auditCount()).toBe(6);
  });
});

