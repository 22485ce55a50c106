// Times one scenario against one server while sampling the server's resources: CPU seconds are
// the /proc utime+stime delta over the scenario; memory is the highest VmRSS sampled during it
// (VmHWM only ever grows, so it cannot give a per-scenario peak). The CPU used meanwhile by the
// bench client and by unrelated processes is recorded too, to explain noisy figures. A server
// is one process tree (docker-registry) or several (proxy, core and registry), plus helper
// processes whose CPU counts as its own (the PostgreSQL backends serving core).
import { clockTicks, kernelThreadTicks, ownTicks, ProcSnapshot, snapshot, treeOf, treeRssKiB, treeTicks } from './procfs';
import { percentile } from './stats';

export interface ServerProcesses {
  /** Processes whose whole trees are the server: CPU and RSS. */
  readonly roots: readonly number[];
  /** Further processes whose CPU (not RSS) counts as the server's, looked up when asked. */
  readonly helpers?: () => readonly number[];
}

/** What a scenario reports: units of work, and optionally each request's latency. */
export type Work = number | { readonly ops: number; readonly latenciesMs: readonly number[] };

export interface Measurement {
  readonly seconds: number;
  /** Units of work done (bytes in MiB, requests, images...), so throughput = ops / seconds. */
  readonly ops: number;
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  /** 95th percentile request latency, for scenarios that time each request. */
  readonly p95Ms?: number;
  /** Diagnostics: CPU seconds of the bench client, of the other (idle) server, and of every
   *  unrelated process on the machine (kernel threads excluded); the last makes figures noisy. */
  readonly clientCpuSeconds?: number;
  readonly bystanderCpuSeconds?: number;
  readonly foreignCpuSeconds?: number;
  /** Diagnostics: server CPU seconds of each root's tree, in `roots` order, then of the helpers. */
  readonly cpuSecondsByPart?: readonly number[];
}

const SAMPLE_MS = 50;
const TREE_REFRESH_SAMPLES = 20;

interface CpuSplit {
  readonly server: number;
  readonly client: number;
  readonly bystander: number;
  readonly foreign: number;
}

interface Observed {
  readonly server: ServerProcesses;
  readonly helpers: number[];
}

const observe = (server: ServerProcesses): Observed => ({ server, helpers: [...(server.helpers?.() ?? [])] });
const observeAgain = (o: Observed): void => void o.helpers.push(...(o.server.helpers?.() ?? []).filter((pid) => !o.helpers.includes(pid)));

/** A server's CPU ticks between two snapshots; a helper that exited meanwhile is left out. */
function serverTicks(before: ProcSnapshot, after: ProcSnapshot, o: Observed): number {
  const roots = o.server.roots.reduce((sum, pid) => sum + treeTicks(after, pid) - treeTicks(before, pid), 0);
  const alive = o.helpers.filter((pid) => after.stats.has(pid));
  return alive.reduce((sum, pid) => sum + ownTicks(after, pid) - ownTicks(before, pid), roots);
}

function cpuBetween(before: ProcSnapshot, after: ProcSnapshot, server: Observed, bystander: Observed | undefined): CpuSplit {
  const delta = (f: (snap: ProcSnapshot) => number): number => (f(after) - f(before)) / clockTicks();
  const serverCpu = serverTicks(before, after, server) / clockTicks();
  const client = delta((snap) => ownTicks(snap, process.pid));
  const bystanderCpu = bystander ? serverTicks(before, after, bystander) / clockTicks() : 0;
  const kernel = delta(kernelThreadTicks);
  const machine = delta((snap) => snap.machineTicks);
  const foreign = Math.max(0, machine - kernel - serverCpu - client - bystanderCpu);
  return { server: serverCpu, client, bystander: bystanderCpu, foreign };
}

function cpuByPart(before: ProcSnapshot, after: ProcSnapshot, o: Observed): number[] {
  const roots = o.server.roots.map((pid) => (treeTicks(after, pid) - treeTicks(before, pid)) / clockTicks());
  const total = serverTicks(before, after, o) / clockTicks();
  return [...roots, total - roots.reduce((sum, x) => sum + x, 0)];
}

const treesOf = (snap: ProcSnapshot, roots: readonly number[]): number[] => roots.flatMap((pid) => treeOf(snap, pid));

export async function measure(server: ServerProcesses, work: () => Promise<Work>, bystander?: ServerProcesses): Promise<Measurement> {
  const watched = observe(server);
  const idle = bystander && observe(bystander);
  const before = snapshot();
  let tree = treesOf(before, server.roots);
  let peakKiB = treeRssKiB(tree);
  let samples = 0;
  const timer = setInterval(() => {
    if (++samples % TREE_REFRESH_SAMPLES === 0) tree = treesOf(snapshot(), server.roots);
    peakKiB = Math.max(peakKiB, treeRssKiB(tree));
  }, SAMPLE_MS);
  try {
    const started = performance.now();
    const done = await work();
    const seconds = (performance.now() - started) / 1000;
    for (const o of [watched, idle]) if (o) observeAgain(o);
    const after = snapshot();
    peakKiB = Math.max(peakKiB, treeRssKiB(treesOf(after, server.roots)));
    const cpu = cpuBetween(before, after, watched, idle);
    const ops = typeof done === 'number' ? done : done.ops;
    return {
      seconds,
      ops,
      cpuSeconds: cpu.server,
      peakRssMiB: peakKiB / 1024,
      ...(typeof done === 'number' ? {} : { p95Ms: percentile(done.latenciesMs, 0.95) }),
      clientCpuSeconds: cpu.client,
      bystanderCpuSeconds: cpu.bystander,
      foreignCpuSeconds: cpu.foreign,
      cpuSecondsByPart: cpuByPart(before, after, watched),
    };
  } finally {
    clearInterval(timer);
  }
}
