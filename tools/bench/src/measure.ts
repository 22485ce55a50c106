// Times one scenario against one server while sampling the server's resources: CPU seconds are
// the /proc utime+stime delta over the scenario; memory is the highest VmRSS sampled during it
// (VmHWM only ever grows, so it cannot give a per-scenario peak). The CPU used meanwhile by the
// bench client and by unrelated processes is recorded too, to explain noisy figures.
import { clockTicks, kernelThreadTicks, ownTicks, ProcSnapshot, snapshot, treeOf, treeRssKiB, treeTicks } from './procfs';

export interface Measurement {
  readonly seconds: number;
  /** Units of work done (bytes in MiB, requests, images...), so throughput = ops / seconds. */
  readonly ops: number;
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  /** Diagnostics: CPU seconds of the bench client, of the other (idle) server, and of every
   *  unrelated process on the machine (kernel threads excluded); the last makes figures noisy. */
  readonly clientCpuSeconds?: number;
  readonly bystanderCpuSeconds?: number;
  readonly foreignCpuSeconds?: number;
}

const SAMPLE_MS = 50;
const TREE_REFRESH_SAMPLES = 20;

interface CpuSplit {
  readonly server: number;
  readonly client: number;
  readonly bystander: number;
  readonly foreign: number;
}

function cpuBetween(before: ProcSnapshot, after: ProcSnapshot, pid: number, bystanderPid: number | undefined): CpuSplit {
  const delta = (f: (snap: ProcSnapshot) => number): number => (f(after) - f(before)) / clockTicks();
  const server = delta((snap) => treeTicks(snap, pid));
  const client = delta((snap) => ownTicks(snap, process.pid));
  const bystander = bystanderPid ? delta((snap) => treeTicks(snap, bystanderPid)) : 0;
  const kernel = delta(kernelThreadTicks);
  const machine = delta((snap) => snap.machineTicks);
  return { server, client, bystander, foreign: Math.max(0, machine - kernel - server - client - bystander) };
}

export async function measure(pid: number, work: () => Promise<number>, bystanderPid?: number): Promise<Measurement> {
  const before = snapshot();
  let tree = treeOf(before, pid);
  let peakKiB = treeRssKiB(tree);
  let samples = 0;
  const timer = setInterval(() => {
    if (++samples % TREE_REFRESH_SAMPLES === 0) tree = treeOf(snapshot(), pid);
    peakKiB = Math.max(peakKiB, treeRssKiB(tree));
  }, SAMPLE_MS);
  try {
    const started = performance.now();
    const ops = await work();
    const seconds = (performance.now() - started) / 1000;
    const after = snapshot();
    peakKiB = Math.max(peakKiB, treeRssKiB(treeOf(after, pid)));
    const cpu = cpuBetween(before, after, pid, bystanderPid);
    return {
      seconds,
      ops,
      cpuSeconds: cpu.server,
      peakRssMiB: peakKiB / 1024,
      clientCpuSeconds: cpu.client,
      bystanderCpuSeconds: cpu.bystander,
      foreignCpuSeconds: cpu.foreign,
    };
  } finally {
    clearInterval(timer);
  }
}
