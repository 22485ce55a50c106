import { Injectable } from '@nestjs/common';
import { isProjectRoleId, roleName } from '@harbor-ts/rbac';
import type { Paging } from '@harbor-ts/api-query';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { HarborError } from '../common/harbor-error';
import { ProjectAccess } from '../projects/project-access';
import type { ProjectMemberBody } from './member.dto';
import { type MemberRow, MembersRepository } from './members.repository';

/** Harbor's ProjectMemberEntity. */
export interface MemberView extends MemberRow {
  role_name: string;
}

const INVALID_ROLE = 'invalid role: must be a built-in project role (1-5) or an existing custom role';
// Harbor's audit resource type for members (rbac.ResourceMember): events create_member, update_member, delete_member.
const RESOURCE_TYPE = 'member';

@Injectable()
export class MembersService {
  constructor(private readonly repo: MembersRepository, private readonly projects: ProjectAccess, private readonly audit: AuditLogWriter) {}

  async list(ctx: SecurityContext, p: string, isName: boolean, entityName: string | undefined, paging: Paging) {
    const ref = await this.projects.require(ctx, p, isName, 'member', 'list');
    const name = entityName || undefined;
    const total = await this.repo.count(ref.id, name);
    const rows = total === 0 ? [] : await this.repo.list(ref.id, name, paging.limit, paging.offset);
    return { total, items: rows.map(view) };
  }

  async get(ctx: SecurityContext, p: string, isName: boolean, memberId: number): Promise<MemberView> {
    const ref = await this.projects.require(ctx, p, isName, 'member', 'read');
    return view(await this.member(ref, memberId));
  }

  async create(ctx: SecurityContext, p: string, isName: boolean, body: ProjectMemberBody): Promise<number> {
    const ref = await this.projects.require(ctx, p, isName, 'member', 'create');
    const user = await this.userOf(body);
    const role = body.role_id ?? 0;
    if (!isProjectRoleId(role)) throw HarborError.badRequest(INVALID_ROLE);
    return this.repo.transaction(async (tx) => {
      const id = await this.repo.insert(tx, ref.id, user.user_id, role);
      if (id === undefined) throw HarborError.conflict('The project member specified already exist');
      await this.write(ctx, ref, 'create', user.username, tx);
      return id;
    });
  }

  async updateRole(ctx: SecurityContext, p: string, isName: boolean, memberId: number, role: number): Promise<void> {
    const ref = await this.projects.require(ctx, p, isName, 'member', 'update');
    if (!isProjectRoleId(role)) throw HarborError.badRequest(INVALID_ROLE);
    const member = await this.member(ref, memberId);
    await this.repo.transaction(async (tx) => {
      await this.repo.updateRole(tx, ref.id, memberId, role);
      await this.write(ctx, ref, 'update', member.entity_name, tx);
    });
  }

  async delete(ctx: SecurityContext, p: string, isName: boolean, memberId: number): Promise<void> {
    const ref = await this.projects.require(ctx, p, isName, 'member', 'delete');
    const member = await this.member(ref, memberId);
    await this.repo.transaction(async (tx) => {
      await this.repo.delete(tx, ref.id, memberId);
      await this.write(ctx, ref, 'delete', member.entity_name, tx);
    });
  }

  private async member(ref: ProjectRef, memberId: number): Promise<MemberRow> {
    const row = memberId <= 2_147_483_647 ? await this.repo.get(ref.id, memberId) : undefined;
    if (!row) throw HarborError.notFound(`the project member is not found, project id ${ref.id}, member id ${memberId}`);
    return row;
  }

  /** member_user by id or name; groups are not supported here (no LDAP/OIDC groups). */
  private async userOf(body: ProjectMemberBody): Promise<{ user_id: number; username: string }> {
    const u = body.member_user;
    const g = body.member_group;
    if (g && (g.id || g.group_name || g.ldap_group_dn)) throw HarborError.badRequest('member_group is not supported yet');
    if (!u || (!(u.user_id && u.user_id > 0) && !u.username)) {
      throw HarborError.badRequest('at least one of member_user or member_group must be provided');
    }
    const user = await this.repo.findUser(u.user_id && u.user_id > 0 ? { userId: u.user_id } : { username: u.username });
    if (!user) throw HarborError.notFound(`user ${u.user_id && u.user_id > 0 ? u.user_id : u.username} not found`);
    return user;
  }

  private write(ctx: SecurityContext, ref: ProjectRef, operation: string, entity: string, tx: Parameters<AuditLogWriter['write']>[1]) {
    return this.audit.write({ projectId: ref.id, operation, resourceType: RESOURCE_TYPE, resource: `${ref.name}/${entity}`, username: ctx.name }, tx);
  }
}

function view(row: MemberRow): MemberView {
  return { ...row, role_name: roleName(row.role_id) ?? '' };
}
