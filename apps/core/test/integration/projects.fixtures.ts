import type { DataSource } from 'typeorm';
import { hashSecret } from '../../src/auth/password';
import type { ApiClient, Credentials } from '../support/api-client';
import { uniqueName } from '../support/test-stack';

// Users, projects and memberships made directly in the database, so the project, member and
// quota tests do not depend on the users API.

export const PASSWORD = 'Passw0rd!';
export const ROLES = { projectAdmin: 1, developer: 2, guest: 3, maintainer: 4, limitedGuest: 5 } as const;
export type RoleName = keyof typeof ROLES;

export interface TestUser extends Credentials {
  id: number;
}

export async function createUser(db: DataSource, prefix = 'user', sysadmin = false): Promise<TestUser> {
  const username = uniqueName(prefix);
  const [{ user_id }] = await db.query(
    `INSERT INTO harbor_user (username, email, password, sysadmin_flag) VALUES ($1, $2, $3, $4) RETURNING user_id`,
    [username, `${username}@example.com`, await hashSecret(PASSWORD), sysadmin],
  );
  return { id: user_id, username, password: PASSWORD };
}

export async function addMember(db: DataSource, projectId: number, userId: number, role: number): Promise<number> {
  const [{ id }] = await db.query(
    `INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', $3) RETURNING id`,
    [projectId, userId, role],
  );
  return id;
}

/** One new user per role, each a member of the project in that role, plus an `outsider` who is no member. */
export async function membersByRole(db: DataSource, projectId: number, roles: readonly RoleName[] = Object.keys(ROLES) as RoleName[]): Promise<Record<RoleName | 'outsider', TestUser>> {
  const users = {} as Record<RoleName | 'outsider', TestUser>;
  for (const role of roles) {
    users[role] = await createUser(db, role.slice(0, 4));
    await addMember(db, projectId, users[role].id, ROLES[role]);
  }
  users.outsider = await createUser(db, 'out');
  return users;
}

/** Creates a project through the API as `api`'s caller and returns its id. */
export async function createProject(api: ApiClient, opts: { public?: boolean; name?: string } = {}): Promise<{ id: number; name: string }> {
  const name = opts.name ?? uniqueName('proj');
  const res = await api.post('/api/v2.0/projects', { project_name: name, metadata: { public: String(opts.public ?? false) } });
  if (res.status !== 201) throw new Error(`create project failed: ${res.status} ${res.text}`);
  const id = Number(res.headers.get('location')!.split('/').pop());
  return { id, name };
}

export async function addRepository(db: DataSource, projectId: number, name: string): Promise<void> {
  await db.query(`INSERT INTO repository (name, project_id) VALUES ($1, $2)`, [name, projectId]);
}

export const errorBody = (code: string, message?: string) => ({ errors: [{ code, message: message ?? expect.any(String) }] });
