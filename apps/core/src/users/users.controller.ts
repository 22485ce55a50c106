import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SESSION_COOKIE, readCookie } from '../auth/authenticator';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { parseBody } from '../common/parse-body';
import { passwordSchema, sysAdminSchema, userCreateSchema, userProfileSchema } from './user.dto';
import { UserPasswordService } from './user-password.service';
import { listLink, listRequest } from './user-query';
import type { UserResp } from './user-view';
import { UsersService } from './users.service';

@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: UserPasswordService,
  ) {}

  @Get('api/v2.0/users')
  async list(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<UserResp[]> {
    const query = listRequest(req);
    const { total, items } = await this.users.list(ctx, query);
    res.setHeader('X-Total-Count', String(total));
    const link = listLink(req, query, total);
    if (link) res.setHeader('Link', link);
    return items;
  }

  @Post('api/v2.0/users')
  @HttpCode(201)
  async create(@Ctx() ctx: SecurityContext, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    // Harbor's "carries a session": the portal always sends its session cookie, scripts do not.
    const fromPortal = readCookie(req.headers.cookie, SESSION_COOKIE) !== undefined;
    const id = await this.users.create(ctx, parseBody(userCreateSchema, body), fromPortal);
    res.setHeader('Location', `${req.path.replace(/\/$/, '')}/${id}`);
  }

  @Get('api/v2.0/users/:user_id')
  get(@Ctx() ctx: SecurityContext, @Param('user_id') userId: string): Promise<UserResp> {
    return this.users.get(ctx, parseUserId(userId));
  }

  @Put('api/v2.0/users/:user_id')
  @HttpCode(200)
  async update(@Ctx() ctx: SecurityContext, @Param('user_id') userId: string, @Body() body: unknown): Promise<void> {
    const id = parseUserId(userId);
    const p = parseBody(userProfileSchema, body);
    await this.users.updateProfile(ctx, id, { email: p.email ?? '', realname: p.realname ?? '', comment: p.comment ?? '' });
  }

  @Delete('api/v2.0/users/:user_id')
  @HttpCode(200)
  async delete(@Ctx() ctx: SecurityContext, @Param('user_id') userId: string): Promise<void> {
    await this.users.delete(ctx, parseUserId(userId));
  }

  @Put('api/v2.0/users/:user_id/sysadmin')
  @HttpCode(200)
  async setSysAdmin(@Ctx() ctx: SecurityContext, @Param('user_id') userId: string, @Body() body: unknown): Promise<void> {
    const id = parseUserId(userId);
    await this.users.setSysAdmin(ctx, id, parseBody(sysAdminSchema, body).sysadmin_flag);
  }

  @Put('api/v2.0/users/:user_id/password')
  @HttpCode(200)
  async changePassword(
    @Ctx() ctx: SecurityContext,
    @Param('user_id') userId: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const id = parseUserId(userId);
    const sid = ctx.principal.kind === 'user' && ctx.principal.via === 'session' ? readCookie(req.headers.cookie, SESSION_COOKIE) : undefined;
    const renewed = await this.passwords.change(ctx, id, parseBody(passwordSchema, body), sid);
    if (renewed) {
      res.cookie(SESSION_COOKIE, renewed.id, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
      res.setHeader('X-Harbor-CSRF-Token', renewed.session.csrfToken);
    }
  }
}

/** Harbor's path parameter is an int32; anything else cannot name a user. */
export function parseUserId(raw: string): number {
  const id = /^[0-9]{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw HarborError.badRequest(`invalid user_id: ${raw}`);
  return id;
}
