import { Module } from '@nestjs/common';
import { ArtifactsApiModule } from '../artifacts-api/artifacts-api.module';
import { ProjectGuard } from './project-guard';
import { RepositoriesController } from './repositories.controller';
import { RepositoriesRepository } from './repositories.repository';
import { RepositoriesService } from './repositories.service';

/** /repositories and /projects/{p}/repositories[/{r}]. Artifact deletion comes from the artifacts API. */
@Module({
  imports: [ArtifactsApiModule],
  controllers: [RepositoriesController],
  providers: [RepositoriesService, RepositoriesRepository, ProjectGuard],
})
export class RepositoriesModule {}
