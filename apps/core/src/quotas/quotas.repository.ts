import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface QuotaRow {
  id: number;
  reference: string;
  reference_id: string;
  hard_storage: string;
  used_storage: string;
  creation_time: Date;
  update_time: Date;
  project_id: number | null;
  project_name: string | null;
  owner_name: string | null;
}

const SELECT = `SELECT q.id, q.reference, q.reference_id, q.hard_storage, q.used_storage, q.creation_time, q.update_time,
  p.project_id, p.name AS project_name, u.username AS owner_name
  FROM quota q
  LEFT JOIN project p ON q.reference = 'project' AND p.project_id::text = q.reference_id
  LEFT JOIN harbor_user u ON u.user_id = p.owner_id`;

export interface QuotaFilter {
  reference?: string;
  referenceId?: string;
}

// Empty filter values mean "any", as Harbor's keyword query treats them.
const WHERE = `($1::text IS NULL OR q.reference = $1) AND ($2::text IS NULL OR q.reference_id = $2)`;

/** Every SQL statement about quotas. */
@Injectable()
export class QuotasRepository {
  constructor(private readonly db: DataSource) {}

  async count(f: QuotaFilter): Promise<number> {
    const rows: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM quota q WHERE ${WHERE}`, params(f));
    return Number(rows[0].n);
  }

  /** `orderBy` comes from parseSort's whitelist. */
  list(f: QuotaFilter, orderBy: string, limit: number, offset: number): Promise<QuotaRow[]> {
    return this.db.query(`${SELECT} WHERE ${WHERE} ${orderBy}, q.id LIMIT $3 OFFSET $4`, [...params(f), limit, offset]);
  }

  async get(id: number): Promise<QuotaRow | undefined> {
    const rows: QuotaRow[] = await this.db.query(`${SELECT} WHERE q.id = $1`, [id]);
    return rows[0];
  }

  async setHard(id: number, storage: number): Promise<void> {
    await this.db.query(`UPDATE quota SET hard_storage = $2, update_time = now() WHERE id = $1`, [id, storage]);
  }
}

function params(f: QuotaFilter): (string | null)[] {
  return [f.reference || null, f.referenceId || null];
}
