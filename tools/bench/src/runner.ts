// Runs the bench: per run, two fresh registries side by side, untimed fixtures on both, then
// each scenario on one registry and then the other; which registry goes first alternates
// from run to run. Registries are stopped and their directories removed after every run.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { BigBlobs, bigBlobs, buildFixtures, Fixtures } from './fixtures';
import { HttpClient } from './http';
import { launch, LaunchOptions, logTail, RegistryKind, RunningRegistry } from './launch';
import { measure, Measurement } from './measure';
import { RegistryApi } from './oci';
import { statusKiB } from './procfs';
import { Scale } from './scale';
import { Scenario, ScenarioContext } from './scenarios';
import { formatNumber } from './report';

export interface RunnerOptions {
  readonly scale: Scale;
  readonly runs: number;
  readonly pair: readonly [RegistryKind, RegistryKind];
  readonly labels: readonly [string, string];
  readonly scenarios: readonly Scenario[];
  readonly launch: LaunchOptions;
  /** Parent directory of every registry's storage; removed by the caller. */
  readonly workDir: string;
  readonly keep: boolean;
  readonly log: (line: string) => void;
}

export interface RunnerOutput {
  /** measurements[scenario index][side] holds one Measurement per run. */
  readonly measurements: Measurement[][][];
  /** VmHWM in MiB of each side's main process at the end of each run. */
  readonly hwm: [number[], number[]];
}

const SIDES = [0, 1] as const;

export async function runBench(opts: RunnerOptions): Promise<RunnerOutput> {
  const started = Date.now();
  const big = bigBlobs(opts.scale);
  opts.log(`hashed the ${opts.scale.bigBlobBytes / 2 ** 20} MiB blobs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const out: RunnerOutput = { measurements: opts.scenarios.map(() => [[], []]), hwm: [[], []] };
  for (let run = 0; run < opts.runs; run++) {
    const order = run % 2 === 0 ? SIDES : ([1, 0] as const);
    opts.log(`run ${run + 1}/${opts.runs}: ${opts.labels[order[0]]} first`);
    await oneRun(opts, run, order, big, out);
  }
  return out;
}

async function oneRun(opts: RunnerOptions, run: number, order: readonly (0 | 1)[], big: BigBlobs, out: RunnerOutput): Promise<void> {
  const dirs = SIDES.map((s) => path.join(opts.workDir, `run${run + 1}-${s === 0 ? 'a' : 'b'}`));
  const registries: RunningRegistry[] = [];
  try {
    // Untimed, so both registries start and get their fixtures at the same time.
    const launches = SIDES.map((s) => launch(opts.pair[s], opts.labels[s], dirs[s], opts.launch));
    const settled = await Promise.allSettled(launches);
    for (const r of settled) if (r.status === 'fulfilled') registries.push(r.value);
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    const fixtures = await Promise.all(registries.map((r) => setUp(r, opts.scale, big, opts.log)));
    for (const [i, scenario] of opts.scenarios.entries()) {
      for (const s of order) {
        const m = await timeScenario(scenario, registries[s], registries[1 - s], opts.scale, fixtures[s]);
        out.measurements[i][s].push(m);
        opts.log(`  ${scenario.id.padEnd(22)} ${opts.labels[s].padEnd(18)} ${describe(m, scenario.unit)}`);
      }
    }
    for (const s of SIDES) out.hwm[s].push(statusKiB(registries[s].pid, 'VmHWM') / 1024);
  } catch (error) {
    for (const r of registries) opts.log(`--- last lines of ${r.label}'s log (${r.logFile}) ---\n${logTail(r.logFile)}`);
    throw error;
  } finally {
    await Promise.all(registries.map((r) => r.stop()));
    if (!opts.keep) for (const dir of dirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function setUp(registry: RunningRegistry, scale: Scale, big: BigBlobs, log: (line: string) => void): Promise<Fixtures> {
  const started = Date.now();
  const client = new HttpClient(registry.baseUrl, scale.fixtureConcurrency);
  try {
    const fixtures = await buildFixtures(new RegistryApi(client), scale, big);
    log(`  fixtures on ${registry.label} (${registry.baseUrl}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return fixtures;
  } finally {
    client.close();
  }
}

async function timeScenario(
  scenario: Scenario,
  registry: RunningRegistry,
  other: RunningRegistry,
  scale: Scale,
  fixtures: Fixtures,
): Promise<Measurement> {
  const clients: HttpClient[] = [];
  const ctx: ScenarioContext = {
    scale,
    fixtures,
    client: (maxSockets) => {
      const client = new HttpClient(registry.baseUrl, maxSockets);
      clients.push(client);
      return new RegistryApi(client);
    },
  };
  try {
    await scenario.prepare?.(ctx);
    // Flush dirty pages (e.g. the other registry's 512 MiB) so no write-back lands in this timing.
    execFileSync('sync');
    return await measure(registry.pid, () => scenario.run(ctx), other.pid);
  } finally {
    for (const client of clients) client.close();
  }
}

function describe(m: Measurement, unit: string): string {
  const throughput = `${formatNumber(m.ops / m.seconds)} ${unit}`.padStart(16);
  const cpu = (s: number | undefined): string => (s ?? 0).toFixed(2);
  const diagnostics = `(client ${cpu(m.clientCpuSeconds)} s, idle server ${cpu(m.bystanderCpuSeconds)} s, other processes ${cpu(m.foreignCpuSeconds)} s)`;
  return `${throughput}  ${m.seconds.toFixed(2)} s  cpu ${cpu(m.cpuSeconds)} s  rss ${m.peakRssMiB.toFixed(0)} MiB  ${diagnostics}`;
}
