import { Module } from '@nestjs/common';
import { RobotAccess } from './robot-access';
import { RobotRepository } from './robot.repository';
import { RobotService } from './robot.service';
import { RobotsController } from './robots.controller';

/** Robot accounts: /api/v2.0/robots. Authentication of robots lives in auth/authenticator. */
@Module({ controllers: [RobotsController], providers: [RobotService, RobotRepository, RobotAccess] })
export class RobotsModule {}
