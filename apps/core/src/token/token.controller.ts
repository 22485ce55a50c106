import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { type AccessEntry, basicCredentials, parseScope } from '@harbor-ts/token';
import type { Request, Response } from 'express';
import { Authenticator } from '../auth/authenticator';
import { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { TokenService } from './token.service';

/** GET /service/token, the Docker token endpoint `docker login` and every pull go through. */
@Controller()
export class TokenController {
  constructor(private readonly tokens: TokenService, private readonly authenticator: Authenticator) {}

  @Get('service/token')
  async token(@Req() req: Request, @Res() res: Response, @Query('service') service: unknown, @Query('scope') scope: unknown): Promise<void> {
    if (service !== undefined && service !== this.tokens.service) throw HarborError.badRequest(`unknown service: ${String(service)}`);
    const requested = scopesOf(scope);
    const ctx = await this.caller(req, requested);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await this.tokens.issue(ctx, requested));
  }

  /**
   * Wrong credentials fail a login (no scope) with 401; with scopes they fall back to anonymous,
   * as Harbor does, so public pulls keep working with a stale docker config.
   */
  private async caller(req: Request, requested: AccessEntry[]): Promise<SecurityContext> {
    const basic = basicCredentials(req.headers.authorization);
    if (!basic) {
      if (requested.length === 0) throw HarborError.unauthorized('authentication required');
      return SecurityContext.anonymous();
    }
    const ctx = await this.authenticator.checkPassword(basic.username, basic.password);
    if (ctx) return ctx;
    if (requested.length === 0) throw HarborError.unauthorized('invalid credentials');
    return SecurityContext.anonymous();
  }
}

/** `scope` may repeat, and each value may hold several space-separated scopes. */
function scopesOf(scope: unknown): AccessEntry[] {
  const values = Array.isArray(scope) ? scope : scope === undefined ? [] : [scope];
  const entries: AccessEntry[] = [];
  for (const value of values) {
    // Malformed scopes are skipped, like denied ones: a token request never fails over a scope.
    if (typeof value === 'string') entries.push(...parseScope(value));
  }
  return entries;
}
