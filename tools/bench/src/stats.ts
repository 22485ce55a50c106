// Per-run figures, their medians over runs, and the ratios between the two registries.
import { Measurement } from './measure';

export interface Figures {
  /** Work per second in the scenario's unit; higher is better. */
  readonly throughput: number;
  readonly seconds: number;
  /** Server CPU seconds (utime + stime) spent during the scenario. */
  readonly cpuSeconds: number;
  /** Highest VmRSS sampled during the scenario, in MiB. */
  readonly peakRssMiB: number;
  /** 95th percentile request latency in ms; NaN for scenarios that do not time each request. */
  readonly p95Ms: number;
  /** Diagnostics: CPU seconds of the bench client, and of unrelated processes (noise). */
  readonly clientCpuSeconds: number;
  readonly foreignCpuSeconds: number;
}

/** Ratios oriented so that > 1 always means the first registry (ours) did better. */
export interface Ratios {
  /** throughput: ours / theirs */
  readonly throughput: number;
  /** CPU seconds: theirs / ours */
  readonly cpuSeconds: number;
  /** peak RSS: theirs / ours */
  readonly peakRssMiB: number;
  /** p95 latency: theirs / ours */
  readonly p95Ms: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Half the range as a fraction of the median: the run-to-run noise of one figure. */
export function spread(values: readonly number[]): number {
  const mid = median(values);
  return values.length < 2 || !mid ? 0 : (Math.max(...values) - Math.min(...values)) / 2 / mid;
}

export function ratio(numerator: number, denominator: number): number {
  return denominator > 0 && Number.isFinite(numerator) ? numerator / denominator : NaN;
}

export function toFigures(m: Measurement): Figures {
  return {
    throughput: ratio(m.ops, m.seconds),
    seconds: m.seconds,
    cpuSeconds: m.cpuSeconds,
    peakRssMiB: m.peakRssMiB,
    p95Ms: m.p95Ms ?? NaN,
    clientCpuSeconds: m.clientCpuSeconds ?? 0,
    foreignCpuSeconds: m.foreignCpuSeconds ?? 0,
  };
}

export function medianFigures(runs: readonly Figures[]): Figures {
  const keys: (keyof Figures)[] = ['throughput', 'seconds', 'cpuSeconds', 'peakRssMiB', 'p95Ms', 'clientCpuSeconds', 'foreignCpuSeconds'];
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((f) => f[key]))])) as unknown as Figures;
}

export function ratios(ours: Figures, theirs: Figures): Ratios {
  return {
    throughput: ratio(ours.throughput, theirs.throughput),
    cpuSeconds: ratio(theirs.cpuSeconds, ours.cpuSeconds),
    peakRssMiB: ratio(theirs.peakRssMiB, ours.peakRssMiB),
    p95Ms: ratio(theirs.p95Ms, ours.p95Ms),
  };
}

/** The highest average number of cores other processes used during one timed scenario,
 *  ignoring runs where they used less than `floorSeconds` (CPU ticks are 10 ms coarse). */
export function worstForeignLoad(runs: readonly Figures[], floorSeconds = 0): number {
  const loads = runs.filter((f) => f.foreignCpuSeconds >= floorSeconds).map((f) => ratio(f.foreignCpuSeconds, f.seconds));
  return Math.max(0, ...loads.filter(Number.isFinite));
}

/** The p-quantile (0..1) of a sample by the nearest-rank method; NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
