import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import express from 'express';
import { ConfigurationsModule } from '../configurations/configurations.module';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';

/** /c/login, /c/log_out and /c/userExists: the portal's session endpoints. */
@Module({
  imports: [ConfigurationsModule],
  controllers: [LoginController],
  providers: [LoginService],
})
export class LoginModule implements NestModule {
  // The portal posts these as forms; only these routes get a form parser.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.urlencoded({ extended: false, limit: '16kb' }))
      .forRoutes({ path: 'c/login', method: RequestMethod.POST }, { path: 'c/userExists', method: RequestMethod.POST });
  }
}
