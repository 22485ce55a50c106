import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { repositoryActionsAllowed } from '@harbor-ts/rbac';
import { type AccessEntry, mintRegistryToken } from '@harbor-ts/token';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { AccessService } from '../auth/access.service';
import { ProjectDirectory } from '../auth/project-directory';
import { ConfigurationsService } from '../configurations/configurations.service';
import type { SecurityContext } from '../auth/security-context';
import { TokenKeyPair } from '../bootstrap/token-keys';
import { CORE_CONFIG } from '../tokens';

export interface TokenResponse {
  token: string;
  access_token: string;
  expires_in: number;
  issued_at: string;
}

/**
 * Harbor's token service: grants each requested scope reduced to what RBAC allows. A denied or
 * unknown scope yields an entry with no actions, never an error; the registry then refuses.
 */
@Injectable()
export class TokenService {
  private readonly key: KeyObject;

  constructor(
    private readonly access: AccessService,
    private readonly projects: ProjectDirectory,
    private readonly settings: ConfigurationsService,
    keys: TokenKeyPair,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {
    this.key = createPrivateKey(keys.privateKeyPem);
  }

  get service(): string {
    return this.config.token.service;
  }

  async issue(ctx: SecurityContext, requested: AccessEntry[]): Promise<TokenResponse> {
    const access = await Promise.all(requested.map((entry) => this.grant(ctx, entry)));
    // token_expiration is a system setting (/configurations), defaulting to harbor.yml's value.
    const expiresIn = (await this.settings.tokenExpirationMinutes()) * 60;
    const now = Math.floor(Date.now() / 1000);
    const token = mintRegistryToken({
      issuer: this.config.token.issuer,
      service: this.config.token.service,
      subject: ctx.name,
      access,
      expiresInSec: expiresIn,
      privateKey: this.key,
      now,
    });
    return { token, access_token: '', expires_in: expiresIn, issued_at: new Date(now * 1000).toISOString() };
  }

  private async grant(ctx: SecurityContext, entry: AccessEntry): Promise<AccessEntry> {
    const none = { type: entry.type, name: entry.name, actions: [] };
    if (entry.type === 'registry' && entry.name === 'catalog') {
      return ctx.isSysAdmin || this.access.canSystem(ctx, 'catalog', 'read') ? { ...none, actions: ['*'] } : none;
    }
    if (entry.type !== 'repository') return none;
    const projectName = entry.name.split('/')[0];
    const project = entry.name.includes('/') ? await this.projects.byName(projectName) : undefined;
    if (!project) return none;
    const can = await this.access.evaluator(ctx, project);
    return { ...none, actions: repositoryActionsAllowed(can, entry.actions) };
  }
}
