import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { type PermissionItem, PermissionsService } from './permissions.service';
import { listLink, searchRequest } from './user-query';
import type { UserResp, UserSearchRespItem } from './user-view';
import { UsersService } from './users.service';

/** The /users/current and /users/search routes; registered before /users/{user_id}. */
@Controller()
export class CurrentUserController {
  constructor(
    private readonly users: UsersService,
    private readonly permissions: PermissionsService,
  ) {}

  @Get('api/v2.0/users/current')
  current(@Ctx() ctx: SecurityContext): Promise<UserResp> {
    return this.users.current(ctx);
  }

  @Get('api/v2.0/users/current/permissions')
  currentPermissions(@Ctx() ctx: SecurityContext, @Query('scope') scope: unknown, @Query('relative') relative: unknown): Promise<PermissionItem[]> {
    return this.permissions.list(ctx, typeof scope === 'string' ? scope : '', parseBool(relative));
  }

  @Get('api/v2.0/users/search')
  async search(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<UserSearchRespItem[]> {
    // Anonymous callers get 401 before their parameters are looked at.
    if (!ctx.isAuthenticated) throw HarborError.unauthorized();
    const query = searchRequest(req);
    const { total, items } = await this.users.search(ctx, query);
    res.setHeader('X-Total-Count', String(total));
    const link = listLink(req, query, total);
    if (link) res.setHeader('Link', link);
    return items;
  }
}

// go-swagger's boolean: absent is false; other spellings than strconv.ParseBool's are an error.
function parseBool(value: unknown): boolean {
  if (value === undefined || value === '') return false;
  if (typeof value === 'string' && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (typeof value === 'string' && ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw HarborError.badRequest(`relative in query must be of type boolean: "${String(value)}"`);
}
