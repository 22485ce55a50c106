// Every scenario, in the order each run executes them.
import { pullBlob, pushChunked, pushMonolithic } from './blobs';
import { concurrentPull, smallPushes } from './images';
import { catalog, headBlob, manifestGet, tagList } from './reads';
import { Scenario } from './scenario';
import { listArtifacts, tokenIssuance } from './stack';

export const SCENARIOS: readonly Scenario[] = [
  pushMonolithic,
  pushChunked,
  pullBlob,
  smallPushes,
  manifestGet,
  concurrentPull,
  headBlob,
  tagList,
  catalog,
  tokenIssuance,
  listArtifacts,
];

export type { Scenario, ScenarioContext, ScenarioServer } from './scenario';
