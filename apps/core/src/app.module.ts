import { type DynamicModule, Module } from '@nestjs/common';
import { type CoreDependencies, SharedModule } from './shared.module';
import { PingController } from './system/ping.controller';

/** Feature modules of the REST API; each owns a folder (controller, service, repository). */
const FEATURES: DynamicModule['imports'] = [];

@Module({})
export class AppModule {
  static register(deps: CoreDependencies): DynamicModule {
    return { module: AppModule, imports: [SharedModule.register(deps), ...(FEATURES ?? [])], controllers: [PingController] };
  }
}
