// The shape of a bench result (also what --json writes) and how per-run measurements become it.
// Side `a` is the registry under test (ours by default), side `b` the reference.
import { Measurement } from './measure';
import { Figures, median, medianFigures, Ratios, ratios, toFigures } from './stats';
import type { TargetResult } from './targets';

export interface SideResult {
  readonly label: string;
  readonly runs: readonly Figures[];
  readonly median: Figures;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly a: SideResult;
  readonly b: SideResult;
  readonly ratio: Ratios;
}

export interface PeakResult {
  readonly runs: readonly number[];
  readonly median: number;
}

export interface BenchMeta {
  readonly date: string;
  readonly scale: string;
  readonly runs: number;
  readonly labels: readonly [string, string];
  readonly host: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
}

export interface BenchResult {
  readonly meta: BenchMeta;
  readonly scenarios: readonly ScenarioResult[];
  /** VmHWM of each server's main process at the end of each run, in MiB. */
  readonly wholeRunPeakRssMiB: { readonly a: PeakResult; readonly b: PeakResult };
  /** The targets, when the bench ran our stack (side a). */
  readonly targets?: readonly TargetResult[];
}

export interface ScenarioSamples {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly a: readonly Measurement[];
  readonly b: readonly Measurement[];
}

function side(label: string, measurements: readonly Measurement[]): SideResult {
  const runs = measurements.map(toFigures);
  return { label, runs, median: medianFigures(runs) };
}

export function scenarioResult(samples: ScenarioSamples, labels: readonly [string, string]): ScenarioResult {
  const a = side(labels[0], samples.a);
  const b = side(labels[1], samples.b);
  return { id: samples.id, title: samples.title, unit: samples.unit, a, b, ratio: ratios(a.median, b.median) };
}

export function peakResult(runs: readonly number[]): PeakResult {
  return { runs, median: median(runs) };
}
