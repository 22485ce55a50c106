import type { RobotEntity, UserEntity } from '../db/entities';

/** Who is calling. Resolved once per request by the authenticator, read by every permission check. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: UserEntity; via: 'basic' | 'session' }
  | { kind: 'robot'; robot: RobotEntity; fullName: string };

export class SecurityContext {
  constructor(readonly principal: Principal) {}

  static anonymous(): SecurityContext {
    return new SecurityContext({ kind: 'anonymous' });
  }

  get isAuthenticated(): boolean {
    return this.principal.kind !== 'anonymous';
  }

  get isSysAdmin(): boolean {
    return this.principal.kind === 'user' && this.principal.user.sysadmin;
  }

  /** The name written to audit logs and token subjects. */
  get name(): string {
    switch (this.principal.kind) {
      case 'user':
        return this.principal.user.username;
      case 'robot':
        return this.principal.fullName;
      default:
        return 'anonymous';
    }
  }

  get userId(): number | undefined {
    return this.principal.kind === 'user' ? this.principal.user.id : undefined;
  }
}
