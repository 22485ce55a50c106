import { Module } from '@nestjs/common';
import { QuotasController } from './quotas.controller';
import { QuotasRepository } from './quotas.repository';
import { QuotasService } from './quotas.service';

/** /api/v2.0/quotas: system admins read and change project storage limits. */
@Module({ controllers: [QuotasController], providers: [QuotasRepository, QuotasService] })
export class QuotasModule {}
