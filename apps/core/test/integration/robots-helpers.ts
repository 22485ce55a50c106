// Fixtures for the robot account specs: users, projects and memberships made in SQL (their
// own APIs belong to other areas), and robot payloads in Harbor's shape.
import type { DataSource } from 'typeorm';
import { hashSecret } from '../../src/auth/password';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { uniqueName } from '../support/test-stack';

export const PASSWORD = 'Passw0rd1';
export const ROLE = { projectAdmin: 1, developer: 2, guest: 3, maintainer: 4, limitedGuest: 5 } as const;

export interface RobotCreatedBody {
  id: number;
  name: string;
  secret: string;
  creation_time: string;
  expires_at: number;
}

export async function createUser(db: DataSource, username = uniqueName('user')): Promise<{ id: number; username: string; password: string }> {
  const rows: { user_id: number }[] = await db.query(
    `INSERT INTO harbor_user (username, email, password) VALUES ($1, $2, $3) RETURNING user_id`,
    [username, `${username}@example.com`, await hashSecret(PASSWORD)],
  );
  return { id: rows[0].user_id, username, password: PASSWORD };
}

export async function createProject(db: DataSource, name = uniqueName('proj'), isPublic = false): Promise<{ id: number; name: string }> {
  const rows: { project_id: number }[] = await db.query(`INSERT INTO project (name, owner_id) VALUES ($1, 1) RETURNING project_id`, [name]);
  await db.query(`INSERT INTO project_metadata (project_id, name, value) VALUES ($1, 'public', $2)`, [rows[0].project_id, String(isPublic)]);
  return { id: rows[0].project_id, name };
}

export async function addMember(db: DataSource, projectId: number, userId: number, role: number): Promise<void> {
  await db.query(`INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', $3)`, [projectId, userId, role]);
}

type Grant = readonly [resource: string, action: string];

export function access(grants: readonly Grant[]): { resource: string; action: string }[] {
  return grants.map(([resource, action]) => ({ resource, action }));
}

export function projectRobot(project: string, grants: readonly Grant[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: uniqueName('bot'), description: 'a project robot', level: 'project', duration: -1, disable: false,
    permissions: [{ kind: 'project', namespace: project, access: access(grants) }], ...extra,
  };
}

export function systemRobot(grants: readonly Grant[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: uniqueName('sys'), description: 'a system robot', level: 'system', duration: 30, disable: false,
    permissions: [{ kind: 'system', namespace: '/', access: access(grants) }], ...extra,
  };
}

/** Creates a robot and fails loudly with the server's answer when that does not work. */
export async function mustCreate(api: ApiClient, body: Record<string, unknown>): Promise<RobotCreatedBody> {
  const res = await api.post<RobotCreatedBody>('/api/v2.0/robots', body);
  if (res.status !== 201) throw new Error(`robot create failed: ${res.status} ${res.text}`);
  return res.body;
}

export function credentials(robot: RobotCreatedBody, secret = robot.secret): { username: string; password: string } {
  return { username: robot.name, password: secret };
}

export function errorOf(res: ApiResponse): { code: string; message: string } {
  return (res.body as { errors: { code: string; message: string }[] }).errors[0];
}

export async function robotRow(db: DataSource, id: number): Promise<Record<string, unknown> | undefined> {
  const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM robot WHERE id = $1`, [id]);
  return rows[0];
}

/** A failed login locks the name for 1.5 s (LoginThrottle); wait it out before the next try. */
export const waitOutLoginLock = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1600));
