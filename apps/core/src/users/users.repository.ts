import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HarborError } from '../common/harbor-error';
import type { Profile } from './user.dto';

export interface UserRow {
  user_id: number;
  username: string;
  email: string | null;
  realname: string;
  comment: string;
  sysadmin_flag: boolean;
  creation_time: Date;
  update_time: Date;
  password: string;
}

/** A condition over harbor_user (alias u) with its parameters, as api-query builds it. */
export interface UserFilter {
  where: string;
  params: unknown[];
}

const COLUMNS = 'u.user_id, u.username, u.email, u.realname, u.comment, u.sysadmin_flag, u.creation_time, u.update_time, u.password';

/** Every SQL statement on harbor_user; one query per method. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async byId(id: number): Promise<UserRow | undefined> {
    const rows: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM harbor_user u WHERE u.user_id = $1`, [id]);
    return rows[0];
  }

  async byEmail(email: string): Promise<UserRow | undefined> {
    const rows: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM harbor_user u WHERE u.email = $1`, [email]);
    return rows[0];
  }

  async count(filter: UserFilter): Promise<number> {
    const rows: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM harbor_user u WHERE ${filter.where}`, filter.params);
    return Number(rows[0].n);
  }

  async list(filter: UserFilter, orderBy: string, limit: number, offset: number): Promise<UserRow[]> {
    const n = filter.params.length;
    return this.db.query(`SELECT ${COLUMNS} FROM harbor_user u WHERE ${filter.where} ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...filter.params,
      limit,
      offset,
    ]);
  }

  async exists(column: 'username' | 'email', value: string): Promise<boolean> {
    const sql = column === 'username' ? 'SELECT 1 FROM harbor_user WHERE username = $1' : 'SELECT 1 FROM harbor_user WHERE email = $1';
    return ((await this.db.query(sql, [value])) as unknown[]).length > 0;
  }

  /** Whether another user already has this name or email (checked first to keep 409s out of the error log). */
  async taken(username: string, email: string, exceptId = 0): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM harbor_user WHERE (username = $1 OR email = $2) AND user_id <> $3 LIMIT 1', [
      username, email, exceptId,
    ]);
    return rows.length > 0;
  }

  async insert(tx: EntityManager, user: { username: string; passwordHash: string } & Profile): Promise<number> {
    const rows: { user_id: number }[] = await conflictAware(user.username, user.email, () =>
      tx.query(
        `INSERT INTO harbor_user (username, email, password, realname, comment) VALUES ($1, $2, $3, $4, $5) RETURNING user_id`,
        [user.username, user.email, user.passwordHash, user.realname, user.comment],
      ),
    );
    return rows[0].user_id;
  }

  async updateProfile(tx: EntityManager, id: number, username: string, p: Profile): Promise<void> {
    await conflictAware(username, p.email, () =>
      tx.query(`UPDATE harbor_user SET email = $2, realname = $3, comment = $4, update_time = now() WHERE user_id = $1`, [
        id, p.email, p.realname, p.comment,
      ]),
    );
  }

  async setSysAdmin(tx: EntityManager, id: number, flag: boolean): Promise<void> {
    await tx.query(`UPDATE harbor_user SET sysadmin_flag = $2, update_time = now() WHERE user_id = $1`, [id, flag]);
  }

  async setPassword(tx: EntityManager, id: number, passwordHash: string): Promise<void> {
    await tx.query(`UPDATE harbor_user SET password = $2, update_time = now() WHERE user_id = $1`, [id, passwordHash]);
  }

  /** Harbor drops the user's memberships with the user; owned projects keep existing (owner NULL). */
  async delete(tx: EntityManager, id: number): Promise<void> {
    await tx.query(`DELETE FROM project_member WHERE entity_type = 'u' AND entity_id = $1`, [id]);
    await tx.query(`DELETE FROM harbor_user WHERE user_id = $1`, [id]);
  }
}

/** A unique violation on username or email is Harbor's 409 CONFLICT (a race the pre-check missed). */
async function conflictAware<T>(username: string, email: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const e = err as { code?: string; driverError?: { code?: string } };
    if ((e.code ?? e.driverError?.code) === '23505') throw HarborError.conflict(`user ${username} or email ${email} already exists`);
    throw err;
  }
}
