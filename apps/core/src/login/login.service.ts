import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { Authenticator, ROBOT_PREFIX } from '../auth/authenticator';
import { LoginThrottle } from '../auth/login-throttle';
import type { SecurityContext } from '../auth/security-context';
import { type Session, SessionStore } from '../auth/session-store';
import { HarborError } from '../common/harbor-error';
import { ConfigurationsService } from '../configurations/configurations.service';

/**
 * The portal's /c endpoints: password login into a Redis session, logout, and the sign-up
 * form's "is this name taken" check. Robots never log in here.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLogWriter,
    private readonly configurations: ConfigurationsService,
    private readonly db: DataSource,
  ) {}

  /** Harbor's db_auth accepts the user name or the e-mail address as principal. */
  async login(principal: string, password: string): Promise<{ id: string; session: Session }> {
    const ctx = await this.check(principal, password);
    await this.audit.write({ operation: 'login', resourceType: 'user', resource: principal, username: principal, description: 'login', success: ctx !== undefined });
    if (!ctx || ctx.userId === undefined) throw HarborError.unauthorized();
    return this.sessions.create(ctx.userId);
  }

  async logout(sessionId: string | undefined, ctx: SecurityContext): Promise<void> {
    if (!sessionId) return;
    await this.sessions.destroy(sessionId);
    if (ctx.userId !== undefined) {
      await this.audit.write({ operation: 'logout', resourceType: 'user', resource: ctx.name, username: ctx.name, description: 'logout' });
    }
  }

  /** Only sysadmins may probe names, unless self-registration is on (Harbor: 412). */
  async userExists(ctx: SecurityContext, target: string, value: string): Promise<boolean> {
    if (!ctx.isSysAdmin && !(await this.configurations.selfRegistration())) {
      throw HarborError.precondition('self registration disabled, only sysadmin can check user existence');
    }
    if (target !== 'username' && target !== 'email') return false;
    const sql = target === 'username' ? 'SELECT 1 FROM harbor_user WHERE username = $1' : 'SELECT 1 FROM harbor_user WHERE email = $1';
    return ((await this.db.query(sql, [value])) as unknown[]).length > 0;
  }

  private async check(principal: string, password: string): Promise<SecurityContext | undefined> {
    if (!principal || !password || principal.startsWith(ROBOT_PREFIX)) return undefined;
    if (await this.throttle.isLocked(principal)) return undefined;
    const username = await this.usernameOf(principal);
    const ctx = await this.authenticator.checkUser(username, password);
    if (!ctx) await this.throttle.recordFailure(principal);
    return ctx;
  }

  private async usernameOf(principal: string): Promise<string> {
    if (!principal.includes('@')) return principal;
    const rows: { username: string }[] = await this.db.query(
      'SELECT username FROM harbor_user WHERE username = $1 OR email = $1 ORDER BY (username = $1) DESC LIMIT 1',
      [principal],
    );
    return rows[0]?.username ?? principal;
  }
}
