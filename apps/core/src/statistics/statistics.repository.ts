import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROJECT_IS_PUBLIC } from '../auth/project-directory';

const PUBLIC = PROJECT_IS_PUBLIC;
// Foreign layers live outside the registry (Harbor's CalculateTotalSize(excludeForeignLayer=true)).
const FOREIGN_LAYERS = ['application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', 'application/vnd.docker.image.rootfs.foreign.diff.tar'];

export interface Counts {
  projects: number;
  repositories: number;
}

@Injectable()
export class StatisticsRepository {
  constructor(private readonly db: DataSource) {}

  publicCounts(): Promise<Counts> {
    return this.counts(PUBLIC, []);
  }

  allCounts(): Promise<Counts> {
    return this.counts('TRUE', []);
  }

  /** Private projects the user is a direct member of. */
  memberPrivateCounts(userId: number): Promise<Counts> {
    const member = `EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.project_id AND pm.entity_type = 'u' AND pm.entity_id = $1)`;
    return this.counts(`NOT ${PUBLIC} AND ${member}`, [userId]);
  }

  async storageConsumption(): Promise<number> {
    const [row] = await this.db.query(`SELECT COALESCE(SUM(size), 0)::bigint AS total FROM blob WHERE content_type <> ALL($1)`, [FOREIGN_LAYERS]);
    return Number(row.total);
  }

  private async counts(where: string, params: unknown[]): Promise<Counts> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS projects,
         COALESCE(SUM((SELECT count(*) FROM repository r WHERE r.project_id = p.project_id)), 0)::int AS repositories
       FROM project p WHERE ${where}`,
      params,
    );
    return { projects: row.projects, repositories: row.repositories };
  }
}
