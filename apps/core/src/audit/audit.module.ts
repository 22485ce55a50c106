import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogRepository, MembershipRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';

/** The audit-log read API. AuditLogWriter itself is shared (SharedModule) so every feature can write. */
@Module({ controllers: [AuditLogController], providers: [AuditLogService, AuditLogRepository, MembershipRepository] })
export class AuditModule {}
