// How big each scenario is. `full` follows the issue; `quick` scales everything down so three
// runs against two registries finish in under a minute.
const MiB = 1024 * 1024;

export interface Scale {
  readonly name: 'full' | 'quick';
  /** Blob push (monolithic and chunked) and blob pull. */
  readonly bigBlobBytes: number;
  readonly chunkBytes: number;
  /** Small image pushes: one layer + config + manifest each, unique content. */
  readonly smallPushes: number;
  readonly smallPushConcurrency: number;
  readonly smallLayerBytes: number;
  /** Manifest GET by tag. */
  readonly manifestGets: number;
  readonly manifestGetConcurrency: number;
  /** Many clients pulling the same image at once. */
  readonly pullClients: number;
  readonly pullLayers: number;
  readonly pullLayerBytes: number;
  /** HEAD blob. */
  readonly headRequests: number;
  readonly headConcurrency: number;
  /** Tag list of one repository. */
  readonly tagCount: number;
  readonly tagListRepeats: number;
  readonly tagListConcurrency: number;
  /** Catalog. */
  readonly catalogRepos: number;
  readonly catalogRepeats: number;
  readonly catalogConcurrency: number;
  readonly catalogPageSize: number;
  /** Token issuance (stack only): GET /service/token with Basic credentials. */
  readonly tokenRequests: number;
  readonly tokenConcurrency: number;
  /** Artifact list of one repository (stack only): rows inserted in SQL, random pages read. */
  readonly artifactCount: number;
  readonly artifactListRequests: number;
  readonly artifactListConcurrency: number;
  readonly artifactPageSize: number;
  /** Concurrency of the untimed fixture setup. */
  readonly fixtureConcurrency: number;
}

export const FULL: Scale = {
  name: 'full',
  bigBlobBytes: 512 * MiB,
  chunkBytes: 16 * MiB,
  smallPushes: 2000,
  smallPushConcurrency: 32,
  smallLayerBytes: 4096,
  manifestGets: 20_000,
  manifestGetConcurrency: 64,
  pullClients: 100,
  pullLayers: 3,
  pullLayerBytes: 4 * MiB,
  headRequests: 20_000,
  headConcurrency: 64,
  tagCount: 5000,
  tagListRepeats: 500,
  tagListConcurrency: 4,
  catalogRepos: 2000,
  catalogRepeats: 50,
  catalogConcurrency: 4,
  catalogPageSize: 1000,
  tokenRequests: 5000,
  tokenConcurrency: 32,
  artifactCount: 10_000,
  artifactListRequests: 2000,
  artifactListConcurrency: 8,
  artifactPageSize: 10,
  fixtureConcurrency: 32,
};

export const QUICK: Scale = {
  ...FULL,
  name: 'quick',
  bigBlobBytes: 32 * MiB,
  chunkBytes: 4 * MiB,
  smallPushes: 100,
  manifestGets: 1000,
  pullClients: 20,
  pullLayerBytes: 1 * MiB,
  headRequests: 1000,
  tagCount: 500,
  tagListRepeats: 100,
  catalogRepos: 200,
  catalogRepeats: 20,
  catalogPageSize: 100,
  tokenRequests: 500,
  artifactListRequests: 500,
};

export { MiB };
