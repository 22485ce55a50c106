import { startDockerRegistry } from '../support/docker-registry';
import { describeRegistryScenarios } from './scenarios';

// The scenarios against the reference implementation: proves the scenarios themselves right,
// and docker-registry is the replication peer of later tests.
describeRegistryScenarios('docker-registry (distribution 2.8) with real clients', () => startDockerRegistry({ deleteEnabled: true }));
