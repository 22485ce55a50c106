import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { ConfigurationsModule } from './configurations/configurations.module';
import { HealthModule } from './health/health.module';
import { ImmutableTagRulesModule } from './immutable/immutable-tag-rules.module';
import { JobsModule } from './jobs/jobs.module';
import { LabelsModule } from './labels/labels.module';
import { LoginModule } from './login/login.module';
import { MembersModule } from './members/members.module';
import { OpenApiModule } from './openapi/openapi.module';
import { ProjectsModule } from './projects/projects.module';
import { QuotasModule } from './quotas/quotas.module';
import { RepositoriesModule } from './repositories/repositories.module';
import { RetentionModule } from './retention/retention.module';
import { RobotsModule } from './robots/robots.module';
import { SearchModule } from './search/search.module';
import { type CoreDependencies, SharedModule } from './shared.module';
import { StatisticsModule } from './statistics/statistics.module';
import { SystemJobsModule } from './system-jobs/system-jobs.module';
import { PingController } from './system/ping.controller';
import { SystemInfoModule } from './systeminfo/systeminfo.module';
import { TokenModule } from './token/token.module';
import { UsersModule } from './users/users.module';
import { V2Module } from './v2/v2.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { MetricsModule } from './metrics/metrics.module';

/** Feature modules: the token service, the /v2 chain and the REST API, one folder each. */
const FEATURES = [
  TokenModule,
  V2Module,
  ConfigurationsModule,
  UsersModule,
  LoginModule,
  ProjectsModule,
  MembersModule,
  RobotsModule,
  QuotasModule,
  RepositoriesModule,
  LabelsModule,
  SearchModule,
  StatisticsModule,
  SystemInfoModule,
  HealthModule,
  AuditModule,
  OpenApiModule,
  JobsModule,
  ImmutableTagRulesModule,
  RetentionModule,
  SystemJobsModule,
  WebhooksModule,
  MetricsModule,
];

@Module({})
export class AppModule {
  static register(deps: CoreDependencies): DynamicModule {
    return { module: AppModule, imports: [SharedModule.register(deps), ...FEATURES], controllers: [PingController] };
  }
}
