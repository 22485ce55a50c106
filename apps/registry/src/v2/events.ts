import type { Request } from 'express';
import { makeEvent, type EventAction, type EventTarget } from '../events/envelope';
import { state } from '../http/request-context';
import type { HandlerArgs } from './context';
import type { V2Route } from '@harbor-ts/oci';

/** Publishes a manifest event for the request being handled (no-op without endpoints). */
export function publishEvent<K extends V2Route['kind']>(args: HandlerArgs<K>, action: EventAction, target: EventTarget): void {
  const { ctx, req, res, principal } = args;
  if (!ctx.notifier.enabled) return;
  const request = {
    id: state(res).id,
    addr: `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`,
    host: req.get('host') ?? '',
    method: req.method,
    useragent: userAgent(req),
  };
  ctx.notifier.publish(makeEvent(action, target, request, principal.name, ctx.eventSource));
}

function userAgent(req: Request): string {
  return req.get('user-agent') ?? '';
}
