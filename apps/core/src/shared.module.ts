import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AccessService } from './auth/access.service';
import { Authenticator } from './auth/authenticator';
import { LoginThrottle } from './auth/login-throttle';
import { ProjectDirectory } from './auth/project-directory';
import { SessionStore } from './auth/session-store';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { TokenKeyPair, type TokenKeys } from './bootstrap/token-keys';
import { AuditLogWriter } from './audit/audit-log.writer';
import { ArtifactRecorder } from './artifacts/artifact-recorder';
import { InternalTokens } from './registry/internal-token';
import { RegistryClient } from './registry/registry-client';
import { CORE_CONFIG, LOGGER } from './tokens';
import { StorageLedger } from './v2/storage-ledger';

export interface CoreDependencies {
  config: CoreConfig;
  log: Logger;
  db: DataSource;
  redis: Redis;
  keys: TokenKeys;
}

const SERVICES = [
  AccessService, Authenticator, LoginThrottle, ProjectDirectory, SessionStore, BootstrapService, AuditLogWriter,
  InternalTokens, RegistryClient, ArtifactRecorder, StorageLedger,
];

/** What every feature module may inject: configuration, logger, database, Redis and the auth services. */
@Global()
@Module({})
export class SharedModule {
  static register(deps: CoreDependencies): DynamicModule {
    const values = [
      { provide: CORE_CONFIG, useValue: deps.config },
      { provide: LOGGER, useValue: deps.log },
      { provide: DataSource, useValue: deps.db },
      { provide: Redis, useValue: deps.redis },
      { provide: TokenKeyPair, useValue: new TokenKeyPair(deps.keys.privateKeyPem, deps.keys.publicKeyPem) },
    ];
    return { module: SharedModule, providers: [...values, ...SERVICES], exports: [...values, ...SERVICES] };
  }
}
