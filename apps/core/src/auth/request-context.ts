import type { Request } from 'express';
import { SecurityContext } from './security-context';

// The security context travels on the request object; a WeakMap keeps it off express's types.
const contexts = new WeakMap<Request, SecurityContext>();

export function setSecurityContext(req: Request, ctx: SecurityContext): void {
  contexts.set(req, ctx);
}

export function securityContextOf(req: Request): SecurityContext {
  return contexts.get(req) ?? SecurityContext.anonymous();
}
