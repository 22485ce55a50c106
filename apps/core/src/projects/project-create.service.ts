import { Injectable } from '@nestjs/common';
import { ProjectRole } from '@harbor-ts/rbac';
import { AccessService } from '../auth/access.service';
import type { SecurityContext } from '../auth/security-context';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { HarborError } from '../common/harbor-error';
import { type ProjectReq, requestedMetadata, validateProjectName } from './project.dto';
import { ProjectsRepository } from './projects.repository';

/** POST /projects: who may create, what the new project starts with, all in one transaction. */
@Injectable()
export class ProjectCreateService {
  constructor(private readonly repo: ProjectsRepository, private readonly access: AccessService, private readonly audit: AuditLogWriter) {}

  async create(ctx: SecurityContext, req: ProjectReq): Promise<{ id: number; name: string }> {
    await this.requireMayCreate(ctx);
    const name = validateProjectName(req.project_name);
    if (req.registry_id !== undefined && req.registry_id !== null && req.registry_id !== 0) {
      throw HarborError.badRequest('proxy cache project (registry_id) is not supported yet');
    }
    if (req.retention_days !== undefined && req.retention_days !== null) {
      throw HarborError.badRequest('retention_days is only supported when creating a proxy cache project');
    }
    if (req.metadata?.retention_id) {
      throw HarborError.badRequest("the retention_id in the request's payload when creating a project should be omitted, alternatively passing an empty string");
    }
    const metadata = { public: 'false', ...requestedMetadata(req) };
    const storage = await this.storageLimit(ctx, req.storage_limit);
    const ownerId = await this.ownerOf(ctx);
    const id = await this.repo.transaction(async (tx) => {
      const projectId = await this.repo.insert(tx, name, ownerId);
      await this.repo.upsertMetadata(projectId, metadata, tx);
      await this.repo.addMember(tx, projectId, ownerId, ProjectRole.projectAdmin);
      await this.repo.addQuota(tx, projectId, storage);
      await this.audit.write({ projectId, operation: 'create', resourceType: 'project', resource: name, username: ctx.name }, tx);
      return projectId;
    });
    return { id, name };
  }

  /** Harbor: robots must be system level; "adminonly" leaves creation to system admins. */
  private async requireMayCreate(ctx: SecurityContext): Promise<void> {
    this.access.requireAuthenticated(ctx);
    const p = ctx.principal;
    if (p.kind === 'robot') {
      if (p.robot.level !== 'system') throw HarborError.forbidden('Only system level robot can create project');
      this.access.requireSystem(ctx, 'project', 'create');
      return;
    }
    const restriction = await this.setting('project_creation_restriction', 'everyone');
    if (restriction === 'adminonly' && !ctx.isSysAdmin) throw HarborError.forbidden('Only system admin can create project');
  }

  /** Only a system admin picks the limit; everyone else gets storage_per_project. */
  private async storageLimit(ctx: SecurityContext, requested: number | null | undefined): Promise<number> {
    const chosen = requested && this.access.canSystem(ctx, 'project', 'create')
      ? requested
      : Number(await this.setting('storage_per_project', '-1'));
    if (!Number.isSafeInteger(chosen) || (chosen <= 0 && chosen !== -1)) throw HarborError.badRequest('invalid value for resource storage');
    return chosen;
  }

  /** Projects a robot creates belong to the first system admin, as in Harbor. */
  private async ownerOf(ctx: SecurityContext): Promise<number> {
    if (ctx.userId !== undefined) return ctx.userId;
    const admin = await this.repo.firstAdminId();
    if (admin === undefined) throw new Error('cannot create project as no system admin found');
    return admin;
  }

  /** A properties row, stored raw or JSON-encoded by the configuration API. */
  private async setting(key: string, fallback: string): Promise<string> {
    const raw = await this.repo.property(key);
    if (raw === undefined) return fallback;
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'string' || typeof parsed === 'number' ? String(parsed) : raw;
    } catch {
      return raw;
    }
  }
}
