import { Global, Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { V2Module } from '../v2/v2.module';
import { ImmutableRulesController } from './immutable-rules.controller';
import { ImmutableRulesRepository } from './immutable-rules.repository';
import { ImmutableRulesService } from './immutable-rules.service';
import { ImmutableTagGuard } from './immutable-tag.guard';

/**
 * /api/v2.0/projects/{p}/immutabletagrules. The rules take effect through V2Module's
 * ImmutabilityPolicy (one instance, so a change reaches the push path at once); the guard is
 * global because tag, artifact and repository deletion all have to ask it.
 */
@Global()
@Module({
  imports: [V2Module, ProjectsModule],
  controllers: [ImmutableRulesController],
  providers: [ImmutableRulesService, ImmutableRulesRepository, ImmutableTagGuard],
  exports: [ImmutableTagGuard],
})
export class ImmutableTagRulesModule {}
