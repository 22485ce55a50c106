import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { addRepository, createProject, errorBody } from './projects.fixtures';

// /api/v2.0/retentions/{id}/executions through core's JobLauncher: one task per repository a
// rule chooses, listing, stop and the errors. Running the tasks is jobservice's (handler tests).

let stack: TestStack;
let admin: ApiClient;
let db: DataSource;
let policyId: number;

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  admin = new ApiClient(stack.url).as(ADMIN);
  const project = await createProject(admin);
  for (const repo of ['web', 'web-cache', 'db']) await addRepository(db, project.id, `${project.name}/${repo}`);
  const res = await admin.post('/api/v2.0/retentions', {
    algorithm: 'or', trigger: { kind: 'Schedule', settings: { cron: '' } }, scope: { level: 'project', ref: project.id },
    rules: [{
      action: 'retain', template: 'latestPushedK', params: { latestPushedK: 1 },
      tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }],
      scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: 'web*' }] },
    }],
  });
  policyId = Number(res.headers.get('location')!.split('/').pop());
});
afterAll(() => stack.stop());

describe('retention executions', () => {
  it('starts a dry run with one task per chosen repository and lists it', async () => {
    const res = await admin.post(`/api/v2.0/retentions/${policyId}/executions`, { dry_run: true });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/api/v2\\.0/retentions/${policyId}/executions/\\d+$`));
    const eid = Number(res.headers.get('location')!.split('/').pop());
    const list = await admin.get(`/api/v2.0/retentions/${policyId}/executions`);
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(list.body).toEqual([expect.objectContaining({ id: eid, policy_id: policyId, trigger: 'MANUAL', dry_run: true, status: expect.any(String) })]);
    const tasks = await admin.get(`/api/v2.0/retentions/${policyId}/executions/${eid}/tasks`);
    expect(tasks.status).toBe(200);
    expect(tasks.headers.get('x-total-count')).toBe('2');
    expect(tasks.body).toEqual([expect.objectContaining({ execution_id: eid, total: 0, retained: 0 }), expect.objectContaining({ execution_id: eid })]);
  });

  it('stops an execution; other actions are 400 and foreign executions 404', async () => {
    const eid = Number((await admin.post(`/api/v2.0/retentions/${policyId}/executions`, {})).headers.get('location')!.split('/').pop());
    expect(await admin.patch(`/api/v2.0/retentions/${policyId}/executions/${eid}`, { action: 'pause' })).toMatchObject({
      status: 400, body: errorBody('BAD_REQUEST', 'unsupported action: pause, only "stop" is supported'),
    });
    expect((await admin.patch(`/api/v2.0/retentions/${policyId}/executions/${eid}`, { action: 'stop' })).status).toBe(200);
    expect(await admin.patch(`/api/v2.0/retentions/${policyId}/executions/999999`, { action: 'stop' })).toMatchObject({
      status: 404, body: errorBody('NOT_FOUND', 'retention execution 999999 not found'),
    });
    expect((await admin.get(`/api/v2.0/retentions/${policyId}/executions/999999/tasks`)).status).toBe(404);
    expect((await admin.get(`/api/v2.0/retentions/${policyId}/executions/${eid}/tasks/999999`)).status).toBe(404);
    expect((await admin.post(`/api/v2.0/retentions/${policyId}/executions`, { dry_run: 'yes' })).status).toBe(400);
  });
});
