import { Injectable } from '@nestjs/common';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { ProjectAccess } from './project-access';
import { checkMetadataValue } from './project.dto';
import { ProjectsRepository } from './projects.repository';

/** /projects/{p}/metadatas: one key/value pair at a time, validated as Harbor does. */
@Injectable()
export class ProjectMetadataService {
  constructor(private readonly repo: ProjectsRepository, private readonly projects: ProjectAccess) {}

  async list(ctx: SecurityContext, nameOrId: string, isName: boolean): Promise<Record<string, string>> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'metadata', 'list');
    return this.read(ref.id);
  }

  /** An absent key answers {} as in Harbor, not 404. */
  async get(ctx: SecurityContext, nameOrId: string, isName: boolean, name: string): Promise<Record<string, string>> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'metadata', 'read');
    const all = await this.read(ref.id);
    return name in all ? { [name]: all[name] } : {};
  }

  async add(ctx: SecurityContext, nameOrId: string, isName: boolean, body: Record<string, unknown>): Promise<void> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'metadata', 'create');
    const [key, value] = onePair(body);
    if (!(await this.repo.insertMetadata(ref.id, key, value))) throw HarborError.conflict(`metadata ${key} already exists`);
  }

  /** The body names the value under the same key as the path ({"auto_scan": "true"}). */
  async update(ctx: SecurityContext, nameOrId: string, isName: boolean, name: string, body: Record<string, unknown>): Promise<void> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'metadata', 'update');
    const raw = body[name];
    const [key, value] = onePair({ [name]: typeof raw === 'string' ? raw : '' });
    await this.repo.upsertMetadata(ref.id, { [key]: value });
  }

  async delete(ctx: SecurityContext, nameOrId: string, isName: boolean, name: string): Promise<void> {
    const ref = await this.projects.require(ctx, nameOrId, isName, 'metadata', 'delete');
    await this.repo.deleteMetadata(ref.id, name);
  }

  private async read(projectId: number): Promise<Record<string, string>> {
    const rows = await this.repo.metadataOf([projectId]);
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }
}

function onePair(body: Record<string, unknown>): [string, string] {
  const entries = Object.entries(body);
  if (entries.length !== 1) throw HarborError.badRequest('only allow one key/value pair');
  const [key, value] = entries[0];
  if (typeof value !== 'string') throw HarborError.badRequest(`invalid value: ${JSON.stringify(value)}`);
  return [key, checkMetadataValue(key, value, false)];
}
