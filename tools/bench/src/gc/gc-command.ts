// `node dist/tools/bench/main.js --gc [--quick]`: the GC benchmark of issue 4 (BENCHMARKS.md row).
import { runGcBench, type GcBenchResult } from './gc-bench';

export interface GcCommandOptions {
  readonly quick: boolean;
  readonly registryctlMain: string;
  readonly dockerBin: string;
  readonly workDir: string;
  readonly log: (line: string) => void;
}

/** 10,000 artifacts / ~20,000 blobs (1,000 with --quick), a quarter of the artifacts deleted. */
export async function runGcCommand(o: GcCommandOptions): Promise<string> {
  const result = await runGcBench({ ...o, artifacts: o.quick ? 1_000 : 10_000, workers: 4 });
  return gcTable(result);
}

export function gcTable(r: GcBenchResult): string {
  const ratio = r.dockerMs / Math.max(r.oursMs, 1);
  return [
    `GC over ${r.artifacts} artifacts, ${r.blobs} blobs, ${r.garbage} of them garbage (workers=${r.workers})`,
    `| | ours (registryctl + GC job, PostgreSQL mark) | docker-registry garbage-collect | docker / ours |`,
    `|---|---|---|---|`,
    `| GC time | ${(r.oursMs / 1000).toFixed(2)} s | ${(r.dockerMs / 1000).toFixed(2)} s | ${ratio.toFixed(2)}x |`,
    '',
  ].join('\n');
}
