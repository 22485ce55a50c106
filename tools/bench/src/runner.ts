// Runs the bench: per run, two fresh registries side by side, untimed fixtures on both, then
// each scenario on one registry and then the other; which registry goes first alternates
// from run to run. Registries are stopped and their directories removed after every run.
// Against a registry with auth, every scenario's clients share one AuthSession, as the
// requests of one docker command share its tokens.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { AuthSession } from './auth-session';
import { BigBlobs, bigBlobs, buildFixtures, Fixtures } from './fixtures';
import { HttpClient } from './http';
import { launchSingle, LaunchOptions, logTail, RegistryKind, RunningRegistry } from './launch';
import { measure, Measurement } from './measure';
import { RegistryApi } from './oci';
import { statusKiB } from './procfs';
import { Scale } from './scale';
import { Scenario, ScenarioContext } from './scenarios';
import { formatNumber } from './report';
import { launchStack } from './stack';

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
        const supported = scenario.supports?.(registries[s].kind) ?? true;
        const m = supported ? await timeScenario(scenario, registries[s], registries[1 - s], opts.scale, fixtures[s]) : NOT_APPLICABLE;
        out.measurements[i][s].push(m);
        opts.log(`  ${scenario.id.padEnd(22)} ${opts.labels[s].padEnd(26)} ${supported ? describe(m, scenario.unit, registries[s].partNames) : 'n/a'}`);
      }
    }
    for (const s of SIDES) out.hwm[s].push(registries[s].processes.roots.reduce((sum, pid) => sum + statusKiB(pid, 'VmHWM'), 0) / 1024);
  } catch (error) {
    for (const r of registries) for (const file of r.logFiles) opts.log(`--- last lines of ${r.label}'s log (${file}) ---\n${logTail(file)}`);
    throw error;
  } finally {
    await Promise.all(registries.map((r) => r.stop()));
    if (!opts.keep) for (const dir of dirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** A scenario the registry cannot run (a stack-only one against docker-registry): n/a. */
const NOT_APPLICABLE: Measurement = { seconds: NaN, ops: NaN, cpuSeconds: NaN, peakRssMiB: NaN };

function launch(kind: RegistryKind, label: string, dir: string, opts: LaunchOptions): Promise<RunningRegistry> {
  return kind === 'stack' ? launchStack(label, dir, opts) : launchSingle(kind, label, dir, opts);
}

/** One client session against a registry: its auth (if the registry wants any) and its clients. */
class Session {
  private readonly auth: AuthSession | undefined;
  private readonly clients: HttpClient[] = [];

  constructor(
    private readonly registry: RunningRegistry,
    access: 'pull' | 'push',
  ) {
    const actions = access === 'push' ? ['pull', 'push'] : ['pull'];
    this.auth = registry.credentials && new AuthSession(registry.baseUrl, registry.credentials, actions);
  }

  client(maxSockets: number): HttpClient {
    const client = new HttpClient(this.registry.baseUrl, maxSockets, this.auth);
    this.clients.push(client);
    return client;
  }

  close(): void {
    for (const client of this.clients) client.close();
    this.auth?.close();
  }
}

async function setUp(registry: RunningRegistry, scale: Scale, big: BigBlobs, log: (line: string) => void): Promise<Fixtures> {
  const started = Date.now();
  const session = new Session(registry, 'push');
  try {
    const fixtures = await buildFixtures(new RegistryApi(session.client(scale.fixtureConcurrency)), scale, big);
    log(`  fixtures on ${registry.label} (${registry.baseUrl}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return fixtures;
  } finally {
    session.close();
  }
}

async function timeScenario(
  scenario: Scenario,
  registry: RunningRegistry,
  other: RunningRegistry,
  scale: Scale,
  fixtures: Fixtures,
): Promise<Measurement> {
  const { kind, baseUrl, credentials, database } = registry;
  // Preparation gets its own session, so the timed one starts as a fresh client would.
  const sessions = [new Session(registry, 'push'), new Session(registry, scenario.access ?? 'pull')];
  const context = (session: Session): ScenarioContext => ({
    scale,
    fixtures,
    server: { kind, baseUrl, credentials, database },
    client: (maxSockets) => new RegistryApi(session.client(maxSockets)),
  });
  try {
    await scenario.prepare?.(context(sessions[0]));
    // Flush dirty pages (e.g. the other registry's 512 MiB) so no write-back lands in this timing.
    execFileSync('sync');
    return await measure(registry.processes, () => scenario.run(context(sessions[1])), other.processes);
  } finally {
    for (const session of sessions) session.close();
  }
}

function describe(m: Measurement, unit: string, partNames?: readonly string[]): string {
  const throughput = `${formatNumber(m.ops / m.seconds)} ${unit}`.padStart(16);
  const cpu = (s: number | undefined): string => (s ?? 0).toFixed(2);
  const diagnostics = `(client ${cpu(m.clientCpuSeconds)} s, idle server ${cpu(m.bystanderCpuSeconds)} s, other processes ${cpu(m.foreignCpuSeconds)} s)`;
  const p95 = m.p95Ms === undefined ? '' : `  p95 ${m.p95Ms.toFixed(1)} ms`;
  const parts = partNames && m.cpuSecondsByPart ? ` [${partNames.map((name, i) => `${name} ${cpu(m.cpuSecondsByPart?.[i])}`).join(', ')}]` : '';
  return `${throughput}  ${m.seconds.toFixed(2)} s${p95}  cpu ${cpu(m.cpuSeconds)} s${parts}  rss ${m.peakRssMiB.toFixed(0)} MiB  ${diagnostics}`;
}
