import { Module } from '@nestjs/common';
import { ConfigurationsModule } from '../configurations/configurations.module';
import { CurrentUserController } from './current-user.controller';
import { PermissionsService } from './permissions.service';
import { UserPasswordService } from './user-password.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** /api/v2.0/users: local users, the caller's profile and permissions, and user search. */
@Module({
  imports: [ConfigurationsModule],
  // CurrentUserController first: its fixed paths must win over /users/{user_id}.
  controllers: [CurrentUserController, UsersController],
  providers: [UsersService, UsersRepository, UserPasswordService, PermissionsService],
})
export class UsersModule {}
