import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The facts about a project that every permission check needs. */
export interface ProjectRef {
  id: number;
  name: string;
  public: boolean;
  creationTime: Date;
  registryId: number;
}

/** SQL: whether project `p` is public (Harbor keeps it as metadata "public" = "true"). */
export const PROJECT_IS_PUBLIC = `EXISTS (SELECT 1 FROM project_metadata m WHERE m.project_id = p.project_id AND m.name = 'public' AND m.value = 'true')`;

const SELECT = `SELECT p.project_id AS id, p.name, p.creation_time AS "creationTime", p.registry_id AS "registryId",
  ${PROJECT_IS_PUBLIC} AS public FROM project p`;

/** Finds projects by name or id for the access checks of /api, /v2 and the token service. */
@Injectable()
export class ProjectDirectory {
  constructor(private readonly db: DataSource) {}

  async byName(name: string): Promise<ProjectRef | undefined> {
    const rows: ProjectRef[] = await this.db.query(`${SELECT} WHERE p.name = $1`, [name]);
    return rows[0];
  }

  async byId(id: number): Promise<ProjectRef | undefined> {
    const rows: ProjectRef[] = await this.db.query(`${SELECT} WHERE p.project_id = $1`, [id]);
    return rows[0];
  }

  /**
   * Harbor's `{project_name_or_id}`: a number is an id unless X-Is-Resource-Name says it is a name.
   */
  async byNameOrId(value: string, isResourceName: boolean): Promise<ProjectRef | undefined> {
    if (!isResourceName && /^[0-9]+$/.test(value)) return Number(value) <= 2_147_483_647 ? this.byId(Number(value)) : undefined;
    return this.byName(value);
  }

  /** The highest role a user holds in a project (direct membership), or undefined. */
  async roleOf(userId: number, projectId: number): Promise<number | undefined> {
    const rows: { role: number }[] = await this.db.query(
      `SELECT role FROM project_member WHERE project_id = $1 AND entity_type = 'u' AND entity_id = $2`,
      [projectId, userId],
    );
    return rows[0]?.role;
  }
}
