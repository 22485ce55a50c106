import { makeTempDir, removeDir } from '../support/temp-dir';

/** What every scenario gets: the registry under test and a place for things to clean up. */
export interface ScenarioContext {
  /** host:port of the registry under test, e.g. 127.0.0.1:5123 */
  host: string;
  /** A fresh temp dir, removed after the test. */
  tempDir(label: string): Promise<string>;
  /** Registers a cleanup that runs after the test, pass, fail or timeout. */
  defer(cleanup: () => Promise<void>): void;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<void>;
  timeoutMs?: number;
}

/** Both our registry and docker-registry fit this. */
export interface RegistryUnderTest {
  host: string;
  stop(): Promise<void>;
}

/** Cleanups run last-registered first; every one runs even if an earlier one throws. */
export class Cleanups {
  private readonly pending: Array<() => Promise<void>> = [];

  defer(cleanup: () => Promise<void>): void {
    this.pending.push(cleanup);
  }

  async runAll(): Promise<void> {
    const errors: unknown[] = [];
    for (let cleanup = this.pending.pop(); cleanup; cleanup = this.pending.pop()) {
      await cleanup().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw new AggregateError(errors, `${errors.length} cleanup(s) failed`);
  }
}

export function scenarioContext(host: string, cleanups: Cleanups): ScenarioContext {
  return {
    host,
    defer: (cleanup) => cleanups.defer(cleanup),
    tempDir: async (label) => {
      const dir = await makeTempDir(label);
      cleanups.defer(() => removeDir(dir));
      return dir;
    },
  };
}
