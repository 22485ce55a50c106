import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AccessService } from '../auth/access.service';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { CORE_CONFIG } from '../tokens';
import { SettingsRepository } from './settings.repository';
import { HARBOR_VERSION } from './version';

/** Harbor's GeneralInfo: the first five fields for anyone, the rest once signed in. */
export interface GeneralInfo {
  banner_message: string;
  auth_mode: string;
  primary_auth_mode: boolean;
  self_registration: boolean;
  oidc_provider_name: string;
  harbor_version?: string;
  current_time?: string;
  registry_url?: string;
  external_url?: string;
  project_creation_restriction?: string;
  has_ca_root?: boolean;
  read_only?: boolean;
  notification_enable?: boolean;
  registry_storage_provider_name?: string;
  with_notary?: boolean;
  with_chartmuseum?: boolean;
}

export interface SystemVolumes {
  storage: { total: number; free: number }[];
}

@Injectable()
export class SystemInfoService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly access: AccessService,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** `requestOrigin` ("http://host:port") stands in for external_url when none is configured. */
  async info(ctx: SecurityContext, requestOrigin: string): Promise<GeneralInfo> {
    const s = await this.settings.read();
    const general: GeneralInfo = {
      banner_message: s.bannerMessage,
      auth_mode: s.authMode,
      primary_auth_mode: s.primaryAuthMode,
      self_registration: s.selfRegistration,
      oidc_provider_name: s.authMode === 'oidc_auth' ? s.oidcName : '',
    };
    // Harbor hides the version and deployment details from anonymous callers.
    if (!ctx.isAuthenticated) return general;
    const externalUrl = this.config.publicUrl ?? requestOrigin;
    return {
      ...general,
      harbor_version: HARBOR_VERSION,
      current_time: new Date().toISOString(),
      external_url: externalUrl,
      registry_url: externalUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''),
      project_creation_restriction: s.projectCreationRestriction,
      has_ca_root: false,
      read_only: s.readOnly,
      notification_enable: s.notificationEnable,
      registry_storage_provider_name: 'filesystem',
      with_notary: false,
      with_chartmuseum: false,
    };
  }

  /**
   * Total and free bytes of the disk holding the data volume. Core is not told the registry's
   * storage root, so it measures data_volume, which the token key lives three levels under
   * (<data_volume>/secret/core/private_key.pem) and which holds <data_volume>/registry by default.
   */
  async volumes(ctx: SecurityContext): Promise<SystemVolumes> {
    this.access.requireSystem(ctx, 'system-volumes', 'read');
    const dataVolume = dirname(dirname(dirname(this.config.token.privateKeyFile)));
    const s = await statfs(dataVolume);
    return { storage: [{ total: s.blocks * s.bsize, free: s.bavail * s.bsize }] };
  }

  /** No CA certificate is ever configured for core, so there is nothing to download (has_ca_root false). */
  caCertificate(): never {
    throw HarborError.notFound('cert not found');
  }
}
