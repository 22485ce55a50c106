import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SESSION_COOKIE, readCookie } from '../auth/authenticator';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { LoginService } from './login.service';

/** The portal's form posts (application/x-www-form-urlencoded; JSON is accepted too). */
@Controller()
export class LoginController {
  constructor(private readonly login: LoginService) {}

  @Post('c/login')
  @HttpCode(200)
  async signIn(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const form = fields(body);
    const { id, session } = await this.login.login(form.principal ?? '', form.password ?? '');
    res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
    res.setHeader('X-Harbor-CSRF-Token', session.csrfToken);
  }

  @Get('c/log_out')
  async signOut(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.login.logout(readCookie(req.headers.cookie, SESSION_COOKIE), ctx);
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
    res.removeHeader('X-Harbor-CSRF-Token');
  }

  @Post('c/userExists')
  @HttpCode(200)
  // Nest would send a bare boolean as text/html; Harbor answers JSON.
  @Header('Content-Type', 'application/json; charset=utf-8')
  userExists(@Ctx() ctx: SecurityContext, @Body() body: unknown): Promise<boolean> {
    const form = fields(body);
    return this.login.userExists(ctx, form.target ?? '', form.value ?? '');
  }
}

/** String fields of a parsed form or JSON body; anything else is ignored. */
function fields(body: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}
