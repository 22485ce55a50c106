import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { hashSecret } from '../auth/password';
import { CORE_CONFIG, LOGGER } from '../tokens';

export const ADMIN_USER_ID = 1;
const PROJECT_ADMIN_ROLE = 1;

/**
 * First-start state, created once and never overwritten: the admin user (password from
 * harbor_admin_password only when the user does not exist yet) and the public `library`
 * project. Runs in one transaction under an advisory lock so replicas starting together agree.
 */
@Injectable()
export class BootstrapService {
  constructor(
    private readonly db: DataSource,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async run(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(72616713)');
      await this.ensureAdmin(tx);
      await this.ensureLibrary(tx);
    });
  }

  private async ensureAdmin(tx: EntityManager): Promise<void> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM harbor_user WHERE user_id = $1', [ADMIN_USER_ID]);
    if (rows.length > 0) return;
    const password = await hashSecret(this.config.adminPassword);
    await tx.query(
      `INSERT INTO harbor_user (user_id, username, email, password, realname, comment, sysadmin_flag)
       VALUES ($1, 'admin', 'admin@example.com', $2, 'system admin', 'admin user', true)`,
      [ADMIN_USER_ID, password],
    );
    await tx.query(`SELECT setval('harbor_user_user_id_seq', GREATEST((SELECT max(user_id) FROM harbor_user), 1))`);
    this.log.info('created the admin user from harbor_admin_password');
  }

  private async ensureLibrary(tx: EntityManager): Promise<void> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM project WHERE name = 'library'`);
    if (rows.length > 0) return;
    const [{ project_id: id }] = (await tx.query(
      `INSERT INTO project (name, owner_id) VALUES ('library', $1) RETURNING project_id`,
      [ADMIN_USER_ID],
    )) as { project_id: number }[];
    await tx.query(`INSERT INTO project_metadata (project_id, name, value) VALUES ($1, 'public', 'true')`, [id]);
    await tx.query(`INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', $3)`, [
      id, ADMIN_USER_ID, PROJECT_ADMIN_ROLE,
    ]);
    await tx.query(`INSERT INTO quota (reference, reference_id, hard_storage) VALUES ('project', $1, -1)`, [String(id)]);
    this.log.info('created the public project library');
  }
}
