import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashSecret, verifySecret } from '../auth/password';
import type { SecurityContext } from '../auth/security-context';
import { type Session, SessionStore } from '../auth/session-store';
import { HarborError } from '../common/harbor-error';
import { validatePassword } from './user.dto';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

export interface PasswordChange {
  old_password?: string;
  new_password: string;
}

/**
 * PUT /users/{id}/password. A user changing their own password proves the old one; a
 * sysadmin changing someone else's need not. Afterwards every portal session of that user
 * ends; a user who changed their own password in the portal gets a fresh session instead.
 */
@Injectable()
export class UserPasswordService {
  constructor(
    private readonly users: UsersService,
    private readonly repo: UsersRepository,
    private readonly db: DataSource,
    private readonly sessions: SessionStore,
  ) {}

  async change(ctx: SecurityContext, id: number, body: PasswordChange, sessionId?: string): Promise<{ id: string; session: Session } | undefined> {
    this.users.requireModifiable(ctx, id);
    const user = await this.users.found(id);
    const self = ctx.userId === id;
    if (self && !(await verifySecret(body.old_password ?? '', user.password))) throw HarborError.forbidden('Current password is incorrect');
    validatePassword(body.new_password);
    if (await verifySecret(body.new_password, user.password)) throw HarborError.badRequest('New password is identical to old password');
    const hash = await hashSecret(body.new_password);
    await this.db.transaction(async (tx) => {
      await this.repo.setPassword(tx, id, hash);
      await this.users.auditUser(ctx, 'update', user.username, tx);
    });
    await this.sessions.destroyUser(id);
    return self && sessionId ? this.sessions.create(id) : undefined;
  }
}
