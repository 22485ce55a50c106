import type { DataSource } from 'typeorm';
import { verifySecret } from '../../src/auth/password';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { createProject, credentials, errorOf, mustCreate, projectRobot, robotRow, systemRobot } from './robots-helpers';

let stack: TestStack;
let api: ApiClient;
let db: DataSource;
let project: { id: number; name: string };
const DAY = 86_400;

beforeAll(async () => {
  stack = await startTestStack();
  api = new ApiClient(stack.url, ADMIN);
  db = stack.core.deps.db;
  project = await createProject(db);
});
afterAll(() => stack.stop());

describe('robot accounts: create, read, update, refresh, delete', () => {
  it('creates a project robot: prefixed name, one-time secret, hashed at rest, audited', async () => {
    const body = projectRobot(project.name, [['repository', 'pull'], ['repository', 'push']]);
    const res = await api.post<{ id: number; name: string; secret: string; expires_at: number; creation_time: string }>('/api/v2.0/robots', body);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v2.0/robots/${res.body.id}`);
    expect(res.body).toEqual({ id: expect.any(Number), name: `robot$${project.name}+${body.name as string}`, secret: expect.any(String), creation_time: expect.any(String), expires_at: -1 });
    expect(res.body.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(res.body.secret).toMatch(/[A-Z]/);
    const row = await robotRow(db, res.body.id);
    expect(row).toMatchObject({ name: `${project.name}+${body.name as string}`, project_id: project.id, level: 'project', creator_ref: 1, creator_type: 'local' });
    expect(row?.secret).not.toContain(res.body.secret);
    expect(await verifySecret(res.body.secret, row?.secret as string)).toBe(true);
    const audit = await db.query(`SELECT operation, resource_type, resource, username, project_id FROM audit_log_ext WHERE resource = $1`, [res.body.name]);
    expect(audit).toEqual([{ operation: 'create', resource_type: 'robot', resource: res.body.name, username: 'admin', project_id: project.id }]);
  });

  it('computes expires_at from duration days, and takes robot_token_duration for 0', async () => {
    const thirty = await mustCreate(api, systemRobot([['project', 'list']], { duration: 30 }));
    expect(thirty.name).toMatch(/^robot\$sys[0-9a-f]+$/);
    expect(thirty.expires_at).toBe(Math.floor(Date.parse(thirty.creation_time) / 1000) + 30 * DAY);
    await db.query(`INSERT INTO properties (k, v) VALUES ('robot_token_duration', '7')`);
    const byDefault = await mustCreate(api, systemRobot([['project', 'list']], { duration: 0 }));
    expect(byDefault.expires_at).toBe(Math.floor(Date.parse(byDefault.creation_time) / 1000) + 7 * DAY);
    expect((await api.get<{ duration: number }>(`/api/v2.0/robots/${byDefault.id}`)).body.duration).toBe(7);
    await db.query(`DELETE FROM properties WHERE k = 'robot_token_duration'`);
    const fallback = await mustCreate(api, systemRobot([['project', 'list']], { duration: undefined }));
    expect(fallback.expires_at).toBe(Math.floor(Date.parse(fallback.creation_time) / 1000) + 30 * DAY);
  });

  it('accepts a chosen secret that meets the password policy', async () => {
    const created = await mustCreate(api, projectRobot(project.name, [['robot', 'list']], { secret: 'MyOwnSecret1' }));
    expect(created.secret).toBe('MyOwnSecret1');
    expect((await api.as(credentials(created)).get(`/api/v2.0/robots?q=Level=project,ProjectID=${project.id}`)).status).toBe(200);
  });

  it('returns the Robot model on GET, never the secret', async () => {
    const created = await mustCreate(api, projectRobot(project.name, [['repository', 'pull']], { description: 'ci puller' }));
    const res = await api.get<Record<string, unknown>>(`/api/v2.0/robots/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: created.id, name: created.name, description: 'ci puller', level: 'project', duration: -1, editable: true, disable: false,
      expires_at: -1, creator_type: 'local', creator_ref: 1, creation_time: created.creation_time, update_time: expect.any(String),
      permissions: [{ kind: 'project', namespace: project.name, access: [{ resource: 'repository', action: 'pull', effect: 'allow' }] }],
    });
    expect(res.text).not.toContain(created.secret);
    expect(res.text).not.toContain('scrypt');
  });

  it('updates description, disable, duration and permissions; name, level and project are fixed', async () => {
    const created = await mustCreate(api, projectRobot(project.name, [['repository', 'pull']]));
    const current = (await api.get<Record<string, unknown>>(`/api/v2.0/robots/${created.id}`)).body;
    const perms = [{ kind: 'project', namespace: project.name, access: [{ resource: 'repository', action: 'push', effect: 'allow' }] }];
    const res = await api.put(`/api/v2.0/robots/${created.id}`, { ...current, description: 'changed', disable: true, duration: 10, permissions: perms });
    expect(res.status).toBe(200);
    const after = (await api.get<Record<string, unknown>>(`/api/v2.0/robots/${created.id}`)).body;
    expect(after).toMatchObject({ description: 'changed', disable: true, duration: 10, permissions: perms });
    expect(after.expires_at).toBe(Math.floor(Date.parse(created.creation_time) / 1000) + 10 * DAY);
    const other = await createProject(db);
    const attempts: [Record<string, unknown>, string][] = [
      [{ ...after, name: 'robot$renamed' }, 'cannot update the level or name of robot'],
      [{ ...after, level: 'system', permissions: [{ kind: 'system', namespace: '/', access: [{ resource: 'project', action: 'list' }] }] }, 'cannot update the level or name of robot'],
      [{ ...after, permissions: [{ ...perms[0], namespace: other.name }] }, 'cannot update the project id of robot'],
      [{ ...after, permissions: [{ ...perms[0], access: [{ resource: 'repository', action: 'fly' }] }] }, 'bad request permission: repository:fly'],
      [{ ...after, duration: -5 }, 'bad request error duration input: -5, duration must be either -1(Never) or a positive integer'],
      [{ ...after, colour: 'red' }, 'invalid request body: unknown field(s) colour'],
    ];
    for (const [body, message] of attempts) {
      const bad = await api.put(`/api/v2.0/robots/${created.id}`, body);
      expect([bad.status, errorOf(bad)]).toEqual([400, { code: 'BAD_REQUEST', message }]);
    }
    expect((await api.get(`/api/v2.0/robots/${created.id}`)).body).toEqual(after);
  });

  it('refreshes the secret: random (returned once) or chosen (policy checked, not echoed)', async () => {
    const created = await mustCreate(api, projectRobot(project.name, [['robot', 'read']]));
    const random = await api.patch<{ secret: string }>(`/api/v2.0/robots/${created.id}`, {});
    expect(random.status).toBe(200);
    expect(random.body.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(random.body.secret).not.toBe(created.secret);
    const chosen = await api.patch(`/api/v2.0/robots/${created.id}`, { secret: 'Chosen123secret' });
    expect([chosen.status, chosen.body]).toEqual([200, {}]);
    const before = await robotRow(db, created.id);
    const weak = await api.patch(`/api/v2.0/robots/${created.id}`, { secret: 'weak' });
    expect([weak.status, errorOf(weak).code]).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(weak).message).toContain('8-128');
    expect((await robotRow(db, created.id))?.secret).toBe(before?.secret);
    expect((await api.as(credentials(created, 'Chosen123secret')).get(`/api/v2.0/robots/${created.id}`)).status).toBe(200);
  });

  it('deletes a robot, audits it, and answers 404 afterwards', async () => {
    const created = await mustCreate(api, systemRobot([['project', 'list']]));
    expect((await api.delete(`/api/v2.0/robots/${created.id}`)).status).toBe(200);
    expect(await robotRow(db, created.id)).toBeUndefined();
    const again = await api.delete(`/api/v2.0/robots/${created.id}`);
    expect([again.status, errorOf(again)]).toEqual([404, { code: 'NOT_FOUND', message: `robot ${created.id} not found` }]);
    expect((await api.get(`/api/v2.0/robots/${created.id}`)).status).toBe(404);
    const audit = await db.query(`SELECT operation FROM audit_log_ext WHERE resource = $1 ORDER BY id`, [created.name]);
    expect(audit).toEqual([{ operation: 'create' }, { operation: 'delete' }]);
  });
});
