import { Global, Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { WebhookEventRepository } from './webhook-event.repository';
import { WebhookEvents } from './webhook-events';
import { WebhookExecutionsService } from './webhook-executions.service';
import { WebhookPoliciesController } from './webhook-policies.controller';
import { WebhookPoliciesRepository } from './webhook-policies.repository';
import { WebhookPoliciesService } from './webhook-policies.service';
import { WebhookPolicyCache } from './webhook-policy.cache';

/**
 * /api/v2.0/projects/{p}/webhook: policies, their deliveries and the supported events; and
 * WebhookEvents, global so the /v2 chain and the artifact API can report what happened.
 * Needs JobLauncher (JobsModule).
 */
@Global()
@Module({
  imports: [ProjectsModule],
  controllers: [WebhookPoliciesController],
  providers: [WebhookPoliciesService, WebhookExecutionsService, WebhookPoliciesRepository, WebhookPolicyCache, WebhookEventRepository, WebhookEvents],
  exports: [WebhookEvents],
})
export class WebhooksModule {}
