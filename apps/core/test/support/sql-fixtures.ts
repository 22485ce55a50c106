import type { DataSource } from 'typeorm';
import { hashSecret } from '../../src/auth/password';
import type { RobotPermissionRow } from '../../src/db/entities';

// Rows written straight into the database, for tests whose subject is not the API that would
// otherwise create them.

export async function insertUser(db: DataSource, username: string, password: string, sysadmin = false): Promise<number> {
  const rows: { user_id: number }[] = await db.query(
    `INSERT INTO harbor_user (username, email, password, sysadmin_flag) VALUES ($1, $2, $3, $4) RETURNING user_id`,
    [username, `${username}@example.com`, await hashSecret(password), sysadmin],
  );
  return rows[0].user_id;
}

export async function insertProject(db: DataSource, name: string, isPublic: boolean, ownerId = 1): Promise<number> {
  const rows: { project_id: number }[] = await db.query(`INSERT INTO project (name, owner_id) VALUES ($1, $2) RETURNING project_id`, [name, ownerId]);
  const id = rows[0].project_id;
  await db.query(`INSERT INTO project_metadata (project_id, name, value) VALUES ($1, 'public', $2)`, [id, String(isPublic)]);
  await db.query(`INSERT INTO quota (reference, reference_id, hard_storage) VALUES ('project', $1, -1)`, [String(id)]);
  return id;
}

/** role: 1 projectAdmin, 2 developer, 3 guest, 4 maintainer, 5 limitedGuest */
export async function insertMember(db: DataSource, projectId: number, userId: number, role: number): Promise<void> {
  await db.query(`INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', $3)`, [projectId, userId, role]);
}

export async function insertRobot(
  db: DataSource,
  robot: { name: string; level: 'system' | 'project'; projectId: number; secret: string; permissions: RobotPermissionRow[] },
): Promise<string> {
  await db.query(
    `INSERT INTO robot (name, level, project_id, secret, permissions) VALUES ($1, $2, $3, $4, $5)`,
    [robot.name, robot.level, robot.projectId, await hashSecret(robot.secret), JSON.stringify(robot.permissions)],
  );
  return `robot$${robot.name}`;
}
