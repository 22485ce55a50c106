import type { V2Route } from '@harbor-ts/oci';
import type { RegistryStore } from '@harbor-ts/storage';
import type { Request, Response } from 'express';
import type { EventSource } from '../events/envelope';
import type { Notifier } from '../events/notifier';
import type { Principal } from './auth';

/** Everything a /v2 handler may use, handed in when the app is composed. */
export interface V2Context {
  store: RegistryStore;
  notifier: Notifier;
  eventSource: EventSource;
  publicUrl?: string;
  deleteEnabled: boolean;
  maxManifestBytes: number;
}

export type RouteOf<K extends V2Route['kind']> = Extract<V2Route, { kind: K }>;

export interface HandlerArgs<K extends V2Route['kind']> {
  ctx: V2Context;
  route: RouteOf<K>;
  req: Request;
  res: Response;
  principal: Principal;
}

export type Handler<K extends V2Route['kind']> = (args: HandlerArgs<K>) => Promise<void>;

/** Handlers of one route shape, by HTTP method. */
export type MethodTable<K extends V2Route['kind']> = Partial<Record<'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE', Handler<K>>>;
