import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

/** /api/v2.0/projects/{p}/members: user members of a project and their roles. */
@Module({ imports: [ProjectsModule], controllers: [MembersController], providers: [MembersRepository, MembersService] })
export class MembersModule {}
