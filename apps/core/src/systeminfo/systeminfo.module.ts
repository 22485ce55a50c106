import { Module } from '@nestjs/common';
import { SettingsRepository } from './settings.repository';
import { SystemInfoController } from './systeminfo.controller';
import { SystemInfoService } from './systeminfo.service';

@Module({ controllers: [SystemInfoController], providers: [SystemInfoService, SettingsRepository] })
export class SystemInfoModule {}
