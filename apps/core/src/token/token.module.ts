import { Module } from '@nestjs/common';
import { ConfigurationsModule } from '../configurations/configurations.module';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

@Module({ imports: [ConfigurationsModule], controllers: [TokenController], providers: [TokenService], exports: [TokenService] })
export class TokenModule {}
