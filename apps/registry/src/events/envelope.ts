import { randomUUID } from 'node:crypto';

/** distribution's notification envelope, so consumers written for it (Harbor core included) read ours. */
export const EVENTS_MEDIA_TYPE = 'application/vnd.docker.distribution.events.v1+json';

export type EventAction = 'push' | 'pull' | 'delete';

export interface EventTarget {
  mediaType?: string;
  size?: number;
  digest: string;
  length?: number;
  repository: string;
  url?: string;
  tag?: string;
}

export interface EventRequest {
  id: string;
  addr: string;
  host: string;
  method: string;
  useragent: string;
}

export interface RegistryEvent {
  id: string;
  timestamp: string;
  action: EventAction;
  target: EventTarget;
  request: EventRequest;
  actor: { name?: string };
  source: { addr: string; instanceID: string };
}

export interface EventSource {
  addr: string;
  instanceID: string;
}

export function makeEvent(
  action: EventAction,
  target: EventTarget,
  request: EventRequest,
  actor: string,
  source: EventSource,
): RegistryEvent {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    action,
    target: { ...target, length: target.size },
    request,
    actor: actor ? { name: actor } : {},
    source,
  };
}
