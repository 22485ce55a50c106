import { Injectable } from '@nestjs/common';
import { validateRobotPermissions } from '@harbor-ts/rbac';
import { hashSecret } from '../auth/password';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { HarborError } from '../common/harbor-error';
import type { RobotEntity, RobotPermissionRow } from '../db/entities';
import type { RobotCreateBody, RobotPermissionBody, RobotSecBody, RobotUpdateBody } from './robot.dto';
import { RobotAccess } from './robot-access';
import { checkChosenSecret, checkDuration, expiryOf, fullName, randomSecret, storedName, toRobotView, type RobotView } from './robot.model';
import { type RobotListRequest } from './robot-query';
import { RobotRepository } from './robot.repository';

export interface RobotCreated {
  id: number;
  name: string;
  secret: string;
  creation_time: string;
  expires_at: number;
}

/** What one validated permission payload resolves to: its rows and, for a project robot, the project. */
interface Grants {
  permissions: RobotPermissionRow[];
  project?: ProjectRef;
}

/** The rules of robot accounts (Harbor's robot handler and controller). */
@Injectable()
export class RobotService {
  constructor(private readonly robots: RobotRepository, private readonly rules: RobotAccess, private readonly audit: AuditLogWriter) {}

  async create(ctx: SecurityContext, body: RobotCreateBody): Promise<RobotCreated> {
    const grants = await this.authorize(ctx, body.level, body.permissions, 'create');
    const name = storedName(body.name, grants.project?.name);
    checkDuration(body.duration ?? 0);
    if (body.secret !== undefined && body.secret !== '') checkChosenSecret(body.secret);
    const secret = body.secret || randomSecret();
    const duration = body.duration || (await this.robots.defaultDurationDays());
    const creationTime = new Date();
    const row = {
      name, description: body.description ?? '', projectId: grants.project?.id ?? 0, level: body.level as 'system' | 'project',
      secretHash: await hashSecret(secret), duration, expiresAt: expiryOf(creationTime, duration), disable: body.disable ?? false,
      permissions: grants.permissions, ...creator(ctx), creationTime,
    };
    const robot = await this.robots.transaction(async (tx) => {
      const created = await this.robots.insert(row, tx);
      if (!created) throw HarborError.conflict(`robot account ${fullName(row)} already exists`);
      await this.audit.write({ projectId: row.projectId, operation: 'create', resourceType: 'robot', resource: fullName(created), username: ctx.name }, tx);
      return created;
    });
    return { id: robot.id, name: fullName(robot), secret, creation_time: new Date(robot.creationTime).toISOString(), expires_at: Number(robot.expiresAt) };
  }

  async list(ctx: SecurityContext, request: RobotListRequest): Promise<{ total: number; items: RobotView[] }> {
    const project = request.projectId === undefined ? undefined : await this.rules.projectWithId(ctx, request.projectId);
    await this.rules.require(ctx, project, 'list');
    const total = await this.robots.count(request.filter);
    const rows = total > request.paging.offset ? await this.robots.list(request.filter, request.paging.limit, request.paging.offset) : [];
    return { total, items: rows.map(toRobotView) };
  }

  async get(ctx: SecurityContext, id: number): Promise<RobotView> {
    return toRobotView(await this.findAllowed(ctx, id, 'read'));
  }

  async update(ctx: SecurityContext, id: number, body: RobotUpdateBody): Promise<void> {
    const robot = await this.findAllowed(ctx, id, 'update');
    if (body.level !== robot.level || (body.name !== undefined && !sameName(body.name, robot))) {
      throw HarborError.badRequest('cannot update the level or name of robot');
    }
    const grants = await this.authorize(ctx, body.level, body.permissions, 'update');
    if (robot.level === 'project' && grants.project?.id !== robot.projectId) throw HarborError.badRequest('cannot update the project id of robot');
    const requested = body.duration ?? robot.duration;
    checkDuration(requested);
    let { duration, expiresAt } = { duration: robot.duration, expiresAt: Number(robot.expiresAt) };
    if (requested !== robot.duration) {
      duration = requested || (await this.robots.defaultDurationDays());
      expiresAt = expiryOf(new Date(robot.creationTime), duration);
    }
    await this.robots.update(robot.id, { description: body.description ?? '', duration, expiresAt, disable: body.disable ?? false, permissions: grants.permissions });
  }

  /** A new random secret (returned once) or the caller's own (not echoed back), as Harbor does. */
  async refreshSecret(ctx: SecurityContext, id: number, body: RobotSecBody): Promise<{ secret?: string }> {
    const robot = await this.findAllowed(ctx, id, 'update');
    if (body.secret) checkChosenSecret(body.secret);
    const secret = body.secret || randomSecret();
    await this.robots.updateSecret(robot.id, await hashSecret(secret));
    return body.secret ? {} : { secret };
  }

  async delete(ctx: SecurityContext, id: number): Promise<void> {
    const robot = await this.findAllowed(ctx, id, 'delete');
    await this.robots.transaction(async (tx) => {
      if (!(await this.robots.delete(robot.id, tx))) throw notFound(id);
      await this.audit.write({ projectId: robot.projectId, operation: 'delete', resourceType: 'robot', resource: fullName(robot), username: ctx.name }, tx);
    });
  }

  /** The robot, once the caller may act on it: 401 anonymous, 404 unknown, 403 not allowed. */
  private async findAllowed(ctx: SecurityContext, id: number, action: 'read' | 'update' | 'delete'): Promise<RobotEntity> {
    if (!ctx.isAuthenticated) throw HarborError.unauthorized();
    const robot = await this.robots.findById(id);
    if (!robot) throw notFound(id);
    const project = robot.level === 'project' ? await this.rules.projectWithId(ctx, robot.projectId) : undefined;
    await this.rules.require(ctx, project, action);
    return robot;
  }

  /**
   * Validates a permission payload for the level, checks the caller may <action> robots at that
   * level (and project), and that it grants nothing the caller lacks.
   */
  private async authorize(ctx: SecurityContext, level: string, body: RobotPermissionBody[], action: 'create' | 'update'): Promise<Grants> {
    if (!ctx.isAuthenticated) throw HarborError.unauthorized();
    const verdict = validateRobotPermissions(level, body);
    if (!verdict.valid) throw HarborError.badRequest(verdict.message);
    const project = level === 'project' ? await this.rules.projectNamed(ctx, body[0].namespace) : undefined;
    await this.rules.require(ctx, project, action);
    const permissions = normalize(body, project);
    await this.rules.requireNoEscalation(ctx, permissions);
    if (!project) await this.rules.requireNamedProjectsExist(permissions);
    return { permissions, ...(project ? { project } : {}) };
  }
}

function normalize(body: RobotPermissionBody[], project: ProjectRef | undefined): RobotPermissionRow[] {
  return body.map((p) => ({
    kind: p.kind as 'project' | 'system',
    namespace: project ? project.name : p.namespace,
    access: p.access.map((a) => ({ resource: a.resource, action: a.action, effect: a.effect || 'allow' })),
  }));
}

function creator(ctx: SecurityContext): { creatorRef: number; creatorType: string } {
  const p = ctx.principal;
  return p.kind === 'robot' ? { creatorRef: p.robot.id, creatorType: 'robot' } : { creatorRef: ctx.userId ?? 0, creatorType: 'local' };
}

/** PUT carries the name as GET showed it ("robot$p+n"); the bare name given at creation is accepted too. */
function sameName(name: string, robot: RobotEntity): boolean {
  return name === fullName(robot) || name === robot.name || (robot.level === 'project' && name === robot.name.slice(robot.name.indexOf('+') + 1));
}

function notFound(id: number): HarborError {
  return HarborError.notFound(`robot ${id} not found`);
}
