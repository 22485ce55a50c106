import { assertCommandsExist } from '../support/clients';
import { ctrScenarios } from './ctr.scenarios';
import { podmanScenarios } from './podman.scenarios';
import { Cleanups, scenarioContext, type RegistryUnderTest, type Scenario } from './scenario-context';
import { skopeoScenarios } from './skopeo.scenarios';

export { ctrScenarios } from './ctr.scenarios';
export { podmanScenarios } from './podman.scenarios';
export { skopeoScenarios } from './skopeo.scenarios';
export type { RegistryUnderTest, Scenario, ScenarioContext } from './scenario-context';

/** Every scenario, grouped by the real client that drives it. */
export const scenariosByClient: Record<string, Scenario[]> = {
  skopeo: skopeoScenarios,
  podman: podmanScenarios,
  'containerd (ctr)': ctrScenarios,
};

/** Runs scenarios one after another against `host`, then cleans up; for tests outside describeRegistryScenarios. */
export async function runScenarios(host: string, scenarios: readonly Scenario[]): Promise<void> {
  const cleanups = new Cleanups();
  try {
    for (const scenario of scenarios) await scenario.run(scenarioContext(host, cleanups));
  } finally {
    await cleanups.runAll();
  }
}

export const skopeoScenario = (host: string): Promise<void> => runScenarios(host, skopeoScenarios);
export const podmanScenario = (host: string): Promise<void> => runScenarios(host, podmanScenarios);
export const ctrScenario = (host: string): Promise<void> => runScenarios(host, ctrScenarios);

/** unshare gives skopeo, podman and containerd a private mount namespace when running as root. */
const REQUIRED_BINARIES = ['skopeo', 'podman', 'containerd', 'ctr', 'unshare'];

/**
 * One describe block running every scenario against one registry instance, started once.
 * Delete must be enabled on it. Each scenario uses its own repositories, so order does not matter.
 */
export function describeRegistryScenarios(title: string, startRegistry: () => Promise<RegistryUnderTest>): void {
  describe(title, () => {
    const cleanups = new Cleanups();
    let registry: RegistryUnderTest | undefined;

    beforeAll(async () => {
      await assertCommandsExist(REQUIRED_BINARIES);
      registry = await startRegistry();
    });
    afterEach(() => cleanups.runAll());
    afterAll(async () => {
      await cleanups.runAll();
      await registry?.stop();
    });

    for (const [client, scenarios] of Object.entries(scenariosByClient)) {
      describe(client, () => {
        for (const scenario of scenarios) {
          it(scenario.name, () => scenario.run(scenarioContext(runningHost(registry), cleanups)), scenario.timeoutMs);
        }
      });
    }
  });
}

function runningHost(registry: RegistryUnderTest | undefined): string {
  if (!registry) throw new Error('the registry under test did not start; see the beforeAll error');
  return registry.host;
}
