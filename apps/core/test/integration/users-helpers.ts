import type { DataSource } from 'typeorm';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { uniqueName } from '../support/test-stack';

export const PASSWORD = 'Passw0rdOK';

export interface NewUser {
  id: number;
  username: string;
  email: string;
  password: string;
}

/** Creates a user through the API as admin and returns its id from Location. */
export async function createUser(admin: ApiClient, overrides: Partial<{ username: string; email: string; password: string; realname: string }> = {}): Promise<NewUser> {
  const username = overrides.username ?? uniqueName('user');
  const body = { username, email: overrides.email ?? `${username}@example.com`, password: overrides.password ?? PASSWORD, realname: overrides.realname ?? 'Some One' };
  const res = await admin.post('/api/v2.0/users', body);
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${res.text}`);
  const id = Number((res.headers.get('location') ?? '').split('/').pop());
  return { id, username, email: body.email, password: body.password };
}

export function expectHarborError(res: ApiResponse, status: number, code: string, message?: string | RegExp): void {
  expect(res.status).toBe(status);
  const body = res.body as { errors: { code: string; message: string }[] };
  expect(body.errors[0].code).toBe(code);
  if (message !== undefined) expect(body.errors[0].message).toEqual(message instanceof RegExp ? expect.stringMatching(message) : message);
}

/** A browser-like client: keeps the sid cookie and echoes the CSRF token it was given. */
export class CookieSession {
  sid?: string;
  csrf?: string;

  constructor(readonly baseUrl: string) {}

  async login(principal: string, password: string): Promise<Response> {
    const res = await this.raw('POST', '/c/login', new URLSearchParams({ principal, password }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    return res;
  }

  /** Sends the cookie; the CSRF header only when `csrf` is not false. */
  async raw(method: string, path: string, body?: string, headers: Record<string, string> = {}, csrf: string | false | undefined = this.csrf): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.sid) h.cookie = `sid=${this.sid}`;
    if (csrf) h['x-harbor-csrf-token'] = csrf;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: h, body, redirect: 'manual' });
    this.remember(res);
    return res;
  }

  json(method: string, path: string, body?: unknown, csrf: string | false | undefined = this.csrf): Promise<Response> {
    return this.raw(method, path, body === undefined ? undefined : JSON.stringify(body), { 'content-type': 'application/json' }, csrf);
  }

  private remember(res: Response): void {
    const token = res.headers.get('x-harbor-csrf-token');
    if (token) this.csrf = token;
    for (const cookie of res.headers.getSetCookie()) {
      const m = /^sid=([^;]*)/.exec(cookie);
      if (m) this.sid = m[1] === '' ? undefined : decodeURIComponent(m[1]);
    }
  }
}

/** Inserts a project (private unless told) and a membership row, as the members API would. */
export async function projectWithMember(db: DataSource, userId: number, role: number, isPublic = false): Promise<number> {
  const [{ project_id: id }] = (await db.query(`INSERT INTO project (name, owner_id) VALUES ($1, 1) RETURNING project_id`, [uniqueName('proj')])) as {
    project_id: number;
  }[];
  await db.query(`INSERT INTO project_metadata (project_id, name, value) VALUES ($1, 'public', $2)`, [id, String(isPublic)]);
  await db.query(`INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', $3)`, [id, userId, role]);
  return id;
}

/** A system robot made in SQL (robots belong to another area); returns its Basic credentials. */
export async function systemRobot(db: DataSource, access: { resource: string; action: string }[]): Promise<{ username: string; password: string }> {
  const { hashSecret } = await import('../../src/auth/password');
  const name = uniqueName('bot');
  const permissions = [{ kind: 'system', namespace: '/', access }];
  await db.query(`INSERT INTO robot (name, level, secret, permissions) VALUES ($1, 'system', $2, $3)`, [name, await hashSecret('RobotSecret1'), JSON.stringify(permissions)]);
  return { username: `robot$${name}`, password: 'RobotSecret1' };
}
