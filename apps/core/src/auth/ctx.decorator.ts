import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { securityContextOf } from './request-context';

/** Injects the caller's SecurityContext into a controller method. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext) =>
  securityContextOf(host.switchToHttp().getRequest<Request>()),
);
