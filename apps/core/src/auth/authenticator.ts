import { Injectable } from '@nestjs/common';
import { basicCredentials } from '@harbor-ts/token';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { RobotEntity, UserEntity } from '../db/entities';
import { LoginThrottle } from './login-throttle';
import { verifySecret } from './password';
import { SecurityContext } from './security-context';
import { SessionStore } from './session-store';
import { VerifiedCredentials } from './verified-credentials';

export const ROBOT_PREFIX = 'robot$';
export const SESSION_COOKIE = 'sid';

/** What the request's credentials resolved to; `rejected` means credentials were sent and were wrong. */
export interface Authentication {
  ctx: SecurityContext;
  rejected: boolean;
  /** Set when a portal session authenticated the request. */
  session?: { id: string; csrfToken: string };
}

/**
 * Resolves the caller from Basic credentials (users and robots) or the portal session cookie,
 * in Harbor's order. Nothing here decides what a caller may do; that is AccessService.
 */
@Injectable()
export class Authenticator {
  private readonly verified = new VerifiedCredentials();

  constructor(
    private readonly db: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionStore,
  ) {}

  async authenticate(req: Request): Promise<Authentication> {
    const basic = basicCredentials(req.headers.authorization);
    if (basic) {
      const ctx = await this.checkPassword(basic.username, basic.password);
      return ctx ? { ctx, rejected: false } : { ctx: SecurityContext.anonymous(), rejected: true };
    }
    const sid = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (sid) {
      const session = await this.sessions.touch(sid);
      const user = session ? await this.db.getRepository(UserEntity).findOneBy({ id: session.userId }) : null;
      if (session && user) return { ctx: new SecurityContext({ kind: 'user', user, via: 'session' }), rejected: false, session: { id: sid, csrfToken: session.csrfToken } };
    }
    return { ctx: SecurityContext.anonymous(), rejected: false };
  }

  /**
   * Checks a name and secret: `robot$...` names are robots, anything else a local user. A
   * name locked by a recent failure is refused unless these exact credentials were verified
   * moments ago: the lock slows guessing, and a remembered match involves no guess.
   */
  async checkPassword(name: string, secret: string): Promise<SecurityContext | undefined> {
    if (!name || !secret) return undefined;
    const account = name.startsWith(ROBOT_PREFIX) ? await this.robot(name) : await this.user(name);
    if (account && this.verified.has(name, secret, account.hash)) return account.ctx();
    if (await this.throttle.isLocked(name)) return undefined;
    const ok = account !== undefined && (await verifySecret(secret, account.hash));
    if (!ok) {
      await this.throttle.recordFailure(name);
      return undefined;
    }
    this.verified.remember(name, secret, account.hash);
    return account.ctx();
  }

  /** Users only: the portal login never accepts robots. */
  async checkUser(username: string, password: string): Promise<SecurityContext | undefined> {
    return username.startsWith(ROBOT_PREFIX) ? undefined : this.checkPassword(username, password);
  }

  private async user(username: string): Promise<Account | undefined> {
    // Plain SQL: this runs on every Basic-authenticated request, and the repository API's query
    // building costs more than the query.
    const rows: UserEntity[] = await this.db.query(USER_BY_NAME, [username]);
    const user = rows[0];
    return user ? { hash: user.password, ctx: () => new SecurityContext({ kind: 'user', user, via: 'basic' }) } : undefined;
  }

  /** Disabled and expired robots do not exist as far as authentication goes. */
  private async robot(fullName: string): Promise<Account | undefined> {
    const robot = await this.db.getRepository(RobotEntity).findOneBy({ name: fullName.slice(ROBOT_PREFIX.length) });
    if (!robot || robot.disable || isExpired(robot)) return undefined;
    return { hash: robot.secret, ctx: () => new SecurityContext({ kind: 'robot', robot, fullName }) };
  }
}

const USER_BY_NAME = `SELECT user_id AS id, username, email, password, realname, comment, sysadmin_flag AS sysadmin,
  creation_time AS "creationTime", update_time AS "updateTime" FROM harbor_user WHERE username = $1`;

interface Account {
  hash: string;
  ctx(): SecurityContext;
}

export function isExpired(robot: RobotEntity, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const expiresAt = Number(robot.expiresAt);
  return expiresAt !== -1 && expiresAt <= nowSeconds;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
