import type { DataSource } from 'typeorm';
import { ConfigurationsService } from '../../src/configurations/configurations.service';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { createUser, expectHarborError } from './users-helpers';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let db: DataSource;

const properties = async () => db.query('SELECT k, v FROM properties ORDER BY k');

beforeAll(async () => {
  stack = await startTestStack({ tokenExpirationMinutes: 45 });
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  db = stack.core.deps.db;
});
afterAll(() => stack.stop());

describe('GET /configurations', () => {
  it('shows every key as {value, editable} with the defaults', async () => {
    const res = await admin.get('/api/v2.0/configurations');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      auth_mode: { value: 'db_auth', editable: false },
      self_registration: { value: false, editable: true },
      project_creation_restriction: { value: 'everyone', editable: true },
      token_expiration: { value: 45, editable: true },
      robot_token_duration: { value: 30, editable: true },
      robot_name_prefix: { value: 'robot$', editable: false },
      read_only: { value: false, editable: true },
      quota_per_project_enable: { value: true, editable: true },
      storage_per_project: { value: -1, editable: true },
      session_timeout: { value: 60, editable: true },
      skip_audit_log_database: { value: false, editable: true },
      disabled_audit_log_event_types: { value: '', editable: true },
      audit_log_forward_endpoint: { value: '', editable: true },
      notification_enable: { value: true, editable: true },
    });
  });

  it('is for sysadmins: anonymous 401, user 403', async () => {
    const user = await createUser(admin);
    expectHarborError(await anon.get('/api/v2.0/configurations'), 401, 'UNAUTHORIZED');
    expectHarborError(await anon.as(user).get('/api/v2.0/configurations'), 403, 'FORBIDDEN');
  });
});

describe('PUT /configurations', () => {
  it('updates a subset of keys, stores them, audits, and the typed getters see them at once', async () => {
    const service = stack.core.app.get(ConfigurationsService);
    expect(await service.projectCreationRestriction()).toBe('everyone');
    const body = { project_creation_restriction: 'adminonly', storage_per_project: 1073741824, token_expiration: 10, read_only: false, auth_mode: 'db_auth' };
    expect((await admin.put('/api/v2.0/configurations', body)).status).toBe(200);
    const view = (await admin.get<Record<string, { value: unknown }>>('/api/v2.0/configurations')).body;
    expect(view.project_creation_restriction.value).toBe('adminonly');
    expect(view.storage_per_project.value).toBe(1073741824);
    expect(view.token_expiration.value).toBe(10);
    expect(view.self_registration.value).toBe(false);
    expect(await service.projectCreationRestriction()).toBe('adminonly');
    expect(await service.storagePerProject()).toBe(1073741824);
    expect(await service.tokenExpirationMinutes()).toBe(10);
    expect(await properties()).toEqual(expect.arrayContaining([{ k: 'project_creation_restriction', v: 'adminonly' }, { k: 'storage_per_project', v: '1073741824' }]));
    const audit = await db.query(`SELECT operation, resource_type, resource, username, operation_description FROM audit_log_ext WHERE resource_type = 'configuration'`);
    expect(audit).toEqual([
      { operation: 'update', resource_type: 'configuration', resource: 'configuration', username: 'admin', operation_description: `update configuration: ${JSON.stringify(body)}` },
    ]);
    await admin.put('/api/v2.0/configurations', { project_creation_restriction: 'everyone', storage_per_project: -1 });
  });

  it.each([
    ['an unknown key', { ldap_url: 'ldap://x' }],
    ['a wrongly typed bool', { self_registration: 'true' }],
    ['a wrongly typed int', { token_expiration: '30' }],
    ['a fractional int', { token_expiration: 1.5 }],
    ['a non-positive token_expiration', { token_expiration: 0 }],
    ['a non-positive robot_token_duration', { robot_token_duration: -5 }],
    ['a non-positive session_timeout', { session_timeout: 0 }],
    ['a storage quota below -1', { storage_per_project: -2 }],
    ['an unknown project_creation_restriction', { project_creation_restriction: 'nobody' }],
    ['another auth_mode', { auth_mode: 'ldap_auth' }],
    ['another robot_name_prefix', { robot_name_prefix: 'bot+' }],
    ['a good key next to a bad one', { self_registration: true, nope: 1 }],
    ['a body that is not an object', [1, 2]],
  ])('refuses %s with 400 and changes nothing', async (_what, body) => {
    const before = await properties();
    expectHarborError(await admin.put('/api/v2.0/configurations', body), 400, 'BAD_REQUEST');
    expect(await properties()).toEqual(before);
    expect((await admin.get<Record<string, { value: unknown }>>('/api/v2.0/configurations')).body.self_registration.value).toBe(false);
  });

  it('is for sysadmins: anonymous 401, user 403, nothing changes', async () => {
    const user = await createUser(admin);
    expectHarborError(await anon.put('/api/v2.0/configurations', { self_registration: true }), 401, 'UNAUTHORIZED');
    expectHarborError(await anon.as(user).put('/api/v2.0/configurations', { self_registration: true }), 403, 'FORBIDDEN');
    expect((await properties()).find((p: { k: string }) => p.k === 'self_registration')).toBeUndefined();
  });
});
