// The GARBAGE_COLLECTION job: createGcHandler({ db, registryctl, log, uploadPurgingAgeMs }).
export { createGcHandler, type GcDeps, type GcSummary } from './gc-handler';
export { GC_DEFAULTS, parseGcParams, type GcParams } from './gc-params';
export { RegistryctlClient } from './registryctl-client';
