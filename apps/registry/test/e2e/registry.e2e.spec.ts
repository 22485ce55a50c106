import { startTestRegistry } from '../support/test-registry';
import { describeRegistryScenarios } from './scenarios';

// The same scenarios that pass against docker-registry (docker-registry-peer.spec.ts), against ours.
describeRegistryScenarios('harbor-ts registry with real clients', () => startTestRegistry({ deleteEnabled: true }));
