import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { AccessService, denied } from '../auth/access.service';
import { hashSecret } from '../auth/password';
import type { SecurityContext } from '../auth/security-context';
import { SessionStore } from '../auth/session-store';
import { HarborError } from '../common/harbor-error';
import { ConfigurationsService } from '../configurations/configurations.service';
import { type Profile, type UserCreateBody, validatePassword, validateProfile, validateUsername } from './user.dto';
import type { ListRequest } from './user-query';
import { type UserResp, type UserSearchRespItem, toSearchItem, toUserResp } from './user-view';
import { type UserRow, UsersRepository } from './users.repository';

const ADMIN_USER_ID = 1;

/** Harbor's user rules (handler/user.go): who may create, read, change and delete users. */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogWriter,
    private readonly sessions: SessionStore,
    private readonly configurations: ConfigurationsService,
  ) {}

  async list(ctx: SecurityContext, list: ListRequest): Promise<{ total: number; items: UserResp[] }> {
    this.access.requireSystem(ctx, 'user', 'list');
    const total = await this.repo.count(list.filter);
    const rows = total > 0 ? await this.repo.list(list.filter, list.orderBy, list.pageSize, list.offset) : [];
    return { total, items: rows.map(toUserResp) };
  }

  async search(ctx: SecurityContext, list: ListRequest): Promise<{ total: number; items: UserSearchRespItem[] }> {
    this.access.requireAuthenticated(ctx);
    const total = await this.repo.count(list.filter);
    const rows = total > 0 ? await this.repo.list(list.filter, list.orderBy, list.pageSize, list.offset) : [];
    return { total, items: rows.map(toSearchItem) };
  }

  /**
   * Sysadmins (or robots granted user:create) create users. With self-registration on, anyone
   * may, but only from the portal: Harbor refuses a request that carries no session cookie.
   */
  async create(ctx: SecurityContext, body: UserCreateBody, fromPortal: boolean): Promise<number> {
    await this.requireCreatable(ctx, fromPortal);
    validatePassword(body.password);
    validateUsername(body.username);
    const profile: Profile = { email: body.email, realname: body.realname ?? '', comment: body.comment ?? '' };
    validateProfile(profile);
    if (await this.repo.taken(body.username, profile.email)) throw conflict(body.username, profile.email);
    const passwordHash = await hashSecret(body.password);
    return this.db.transaction(async (tx) => {
      const id = await this.repo.insert(tx, { username: body.username, passwordHash, ...profile });
      await this.audit.write({ operation: 'create', resourceType: 'user', resource: body.username, username: ctx.name, description: `create user with name: ${body.username}` }, tx);
      return id;
    });
  }

  async get(ctx: SecurityContext, id: number): Promise<UserResp> {
    this.access.requireAuthenticated(ctx);
    if (ctx.userId !== id && !this.access.canSystem(ctx, 'user', 'read')) throw HarborError.forbidden(`Not authorized to read user: ${id}`);
    return toUserResp(await this.found(id));
  }

  /** GET /users/current: only for users; robots have no profile (Harbor: 412). */
  async current(ctx: SecurityContext): Promise<UserResp> {
    this.access.requireAuthenticated(ctx);
    if (ctx.userId === undefined) throw HarborError.precondition(`get current user not available for security context: ${ctx.name}`);
    return toUserResp(await this.found(ctx.userId));
  }

  async updateProfile(ctx: SecurityContext, id: number, profile: Profile): Promise<void> {
    this.requireModifiable(ctx, id);
    validateProfile(profile);
    const user = await this.found(id);
    if (await this.repo.taken(user.username, profile.email, id)) throw conflict(user.username, profile.email);
    await this.db.transaction(async (tx) => {
      await this.repo.updateProfile(tx, id, user.username, profile);
      await this.auditUser(ctx, 'update', user.username, tx);
    });
  }

  async setSysAdmin(ctx: SecurityContext, id: number, flag: boolean): Promise<void> {
    this.access.requireSystem(ctx, 'user', 'update');
    if (ctx.userId === id) throw HarborError.forbidden('you cannot change your own system admin flag');
    const user = await this.found(id);
    await this.db.transaction(async (tx) => {
      await this.repo.setSysAdmin(tx, id, flag);
      await this.auditUser(ctx, 'update', user.username, tx);
    });
  }

  /** Memberships go with the user, and so do the user's portal sessions. */
  async delete(ctx: SecurityContext, id: number): Promise<void> {
    this.access.requireAuthenticated(ctx);
    if (!this.access.canSystem(ctx, 'user', 'delete')) throw HarborError.forbidden('Not authorized to delete users');
    if (ctx.userId === id || id === ADMIN_USER_ID) throw HarborError.forbidden(`User with ID ${id} cannot be deleted`);
    const user = await this.found(id);
    await this.db.transaction(async (tx) => {
      await this.repo.delete(tx, id);
      await this.auditUser(ctx, 'delete', user.username, tx);
    });
    await this.sessions.destroyUser(id);
  }

  /** Harbor: a sysadmin (or robot with user:update) may change anyone; a user only themselves. */
  requireModifiable(ctx: SecurityContext, id: number): void {
    this.access.requireAuthenticated(ctx);
    if (ctx.userId !== id && !this.access.canSystem(ctx, 'user', 'update')) throw HarborError.forbidden(`User with ID ${id} can't be updated`);
  }

  async found(id: number): Promise<UserRow> {
    const user = Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? await this.repo.byId(id) : undefined;
    if (!user) throw HarborError.notFound(`user ${id} not found`);
    return user;
  }

  auditUser(ctx: SecurityContext, operation: 'update' | 'delete', username: string, tx?: Parameters<AuditLogWriter['write']>[1]): Promise<void> {
    return this.audit.write({ operation, resourceType: 'user', resource: username, username: ctx.name, description: `${operation} user with name: ${username}` }, tx);
  }

  private async requireCreatable(ctx: SecurityContext, fromPortal: boolean): Promise<void> {
    if (this.access.canSystem(ctx, 'user', 'create')) return;
    if (!(await this.configurations.selfRegistration())) throw denied(ctx);
    if (!fromPortal) throw HarborError.forbidden('self-registration cannot be triggered via API');
  }
}

function conflict(username: string, email: string): HarborError {
  return HarborError.conflict(`user ${username} or email ${email} already exists`);
}
