// What a scenario is: an untimed preparation, then a timed body that reports how much work it
// did in the scenario's unit (MiB, requests, images...), so throughput = work / seconds.
import { Fixtures } from '../fixtures';
import { RegistryApi } from '../oci';
import { Scale } from '../scale';

export interface ScenarioContext {
  readonly scale: Scale;
  readonly fixtures: Fixtures;
  /** A client with its own keep-alive agent of `maxSockets` sockets, closed after the scenario. */
  client(maxSockets: number): RegistryApi;
}

export interface Scenario {
  readonly id: string;
  /** Throughput unit, e.g. "MiB/s"; higher is better for every scenario. */
  readonly unit: string;
  title(scale: Scale): string;
  prepare?(ctx: ScenarioContext): Promise<void>;
  run(ctx: ScenarioContext): Promise<number>;
}
