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

  /** Checks a name and secret: `robot$...` names are robots, anything else a local user. */
  async checkPassword(name: string, secret: string): Promise<SecurityContext | undefined> {
    if (!name || !secret || (await this.throttle.isLocked(name))) return undefined;
    const ctx = name.startsWith(ROBOT_PREFIX) ? await this.checkRobot(name, secret) : await this.checkUser(name, secret);
    if (!ctx) await this.throttle.recordFailure(name);
    return ctx;
  }

  /** Users only: the portal login never accepts robots. */
  async checkUser(username: string, password: string): Promise<SecurityContext | undefined> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ username });
    if (!user || !(await this.matches(username, password, user.password))) return undefined;
    return new SecurityContext({ kind: 'user', user, via: 'basic' });
  }

  private async checkRobot(fullName: string, secret: string): Promise<SecurityContext | undefined> {
    const name = fullName.slice(ROBOT_PREFIX.length);
    const robot = await this.db.getRepository(RobotEntity).findOneBy({ name });
    if (!robot || robot.disable || isExpired(robot)) return undefined;
    if (!(await this.matches(fullName, secret, robot.secret))) return undefined;
    return new SecurityContext({ kind: 'robot', robot, fullName });
  }

  private async matches(name: string, secret: string, storedHash: string): Promise<boolean> {
    if (this.verified.has(name, secret, storedHash)) return true;
    const ok = await verifySecret(secret, storedHash);
    if (ok) this.verified.remember(name, secret, storedHash);
    return ok;
  }
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
