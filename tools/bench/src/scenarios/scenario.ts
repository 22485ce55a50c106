// What a scenario is: an untimed preparation, then a timed body that reports how much work it
// did in the scenario's unit (MiB, requests, images...), so throughput = work / seconds, and
// optionally each request's latency.
import { Credentials } from '../auth';
import { Fixtures } from '../fixtures';
import { RegistryKind } from '../launch';
import { Work } from '../measure';
import { RegistryApi } from '../oci';
import { Scale } from '../scale';

/** The server a scenario runs against, for scenarios that go beyond the /v2 API. */
export interface ScenarioServer {
  readonly kind: RegistryKind;
  readonly baseUrl: string;
  readonly credentials?: Credentials;
  /** The stack's PostgreSQL database. */
  readonly database?: string;
}

export interface ScenarioContext {
  readonly scale: Scale;
  readonly fixtures: Fixtures;
  readonly server: ScenarioServer;
  /** A client with its own keep-alive agent of `maxSockets` sockets, closed after the scenario.
   *  Against a registry with auth, its /v2 requests authenticate like docker, with one session
   *  (one token per scope) shared by every client of the scenario. */
  client(maxSockets: number): RegistryApi;
}

export interface Scenario {
  readonly id: string;
  /** Throughput unit, e.g. "MiB/s"; higher is better for every scenario. */
  readonly unit: string;
  /** What the client session asks tokens for, as `docker pull` or `docker push` would. */
  readonly access?: 'pull' | 'push';
  /** Whether the scenario can run against this kind of registry (default: every kind). */
  supports?(kind: RegistryKind): boolean;
  title(scale: Scale): string;
  prepare?(ctx: ScenarioContext): Promise<void>;
  run(ctx: ScenarioContext): Promise<Work>;
}
