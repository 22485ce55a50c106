// Renders a bench result: an aligned text table for the terminal, a markdown table for
// BENCHMARKS.md, and JSON. Every scenario gives three rows: throughput, server CPU, peak RSS,
// plus p95 latency where the scenario times each request; then the targets, if any.
import { BenchResult, ScenarioResult } from './results';
import { Figures, spread, worstForeignLoad } from './stats';

export interface Row {
  readonly scenario: string;
  readonly metric: string;
  readonly a: string;
  readonly b: string;
  readonly ratio: string;
  readonly noise: string;
}

const HEADINGS = (labels: readonly [string, string]): Row => ({
  scenario: 'scenario',
  metric: 'metric',
  a: labels[0],
  b: labels[1],
  ratio: 'ratio',
  noise: 'run spread',
});

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toFixed(digits);
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

const percent = (value: number): string => `±${Math.round(value * 100)}%`;

function metricRow(s: ScenarioResult, first: boolean, metric: string, key: keyof Figures, ratio: number): Row {
  const noiseOf = (values: number[]): string => (values.every(Number.isFinite) ? percent(spread(values)) : 'n/a');
  const noise = [s.a, s.b].map((side) => noiseOf(side.runs.map((f) => f[key]))).join(' / ');
  return {
    scenario: first ? s.title : '',
    metric,
    a: formatNumber(s.a.median[key]),
    b: formatNumber(s.b.median[key]),
    ratio: formatRatio(ratio),
    noise,
  };
}

export function rows(result: BenchResult): Row[] {
  const out: Row[] = [];
  for (const s of result.scenarios) {
    out.push(metricRow(s, true, s.unit, 'throughput', s.ratio.throughput));
    out.push(metricRow(s, false, 'server CPU s', 'cpuSeconds', s.ratio.cpuSeconds));
    out.push(metricRow(s, false, 'peak RSS MiB', 'peakRssMiB', s.ratio.peakRssMiB));
    if ([s.a, s.b].some((side) => Number.isFinite(side.median.p95Ms))) out.push(metricRow(s, false, 'p95 ms', 'p95Ms', s.ratio.p95Ms));
  }
  const { a, b } = result.wholeRunPeakRssMiB;
  const noise = `${percent(spread(a.runs))} / ${percent(spread(b.runs))}`;
  const whole = { scenario: 'whole run', metric: 'VmHWM MiB', a: formatNumber(a.median), b: formatNumber(b.median) };
  out.push({ ...whole, ratio: formatRatio(b.median / a.median), noise });
  return out;
}

const COLUMNS: readonly (keyof Row)[] = ['scenario', 'metric', 'a', 'b', 'ratio', 'noise'];
const NUMERIC = new Set<keyof Row>(['a', 'b', 'ratio', 'noise']);

export function legend(result: BenchResult): string[] {
  const [a, b] = result.meta.labels;
  return [
    `Median of ${result.meta.runs} runs (${result.meta.scale} scale). A ratio > 1 means ${a} did better:`,
    `  throughput ratio = ${a} / ${b}; CPU and RSS ratios = ${b} / ${a}.`,
    ...(result.scenarios.some((s) => !Number.isFinite(s.ratio.throughput) || Number.isFinite(s.ratio.p95Ms) || Number.isFinite(s.a.median.p95Ms))
      ? [`  p95 ratio = ${b} / ${a}; n/a = the registry cannot run the scenario.`]
      : []),
    'Peak RSS = highest VmRSS of the server process tree, sampled every 50 ms during the scenario;',
    "  the last row is the main server process's VmHWM (kernel high-water mark) at the end of each run.",
    'Run spread = half the min-max range over the median, per registry.',
  ];
}

/** Other processes using more than this many cores on average (and at least NOISY_SECONDS of
 *  CPU) during a scenario make its figures suspect. */
const NOISY_CORES = 0.25;
const NOISY_SECONDS = 0.1;

export function noiseWarnings(result: BenchResult): string[] {
  return result.scenarios
    .map((s) => ({ s, load: worstForeignLoad([...s.a.runs, ...s.b.runs], NOISY_SECONDS) }))
    .filter(({ load }) => load > NOISY_CORES)
    .map(({ s, load }) => `warning: other processes used up to ${load.toFixed(2)} cores during "${s.id}"; its figures are noisy.`);
}

/** The targets as lines of text ("pass  token issuance >= 500/s  (812/s)"). */
export function targetLines(result: BenchResult): string[] {
  if (!result.targets?.length) return [];
  const width = Math.max(...result.targets.map((t) => t.target.length));
  return ['', 'Targets:', ...result.targets.map((t) => `  ${t.status.padEnd(4)}  ${t.target.padEnd(width)}  ${t.measured}`)];
}

function targetTable(result: BenchResult): string[] {
  if (!result.targets?.length) return [];
  return ['', '| target | measured | status |', '| :--- | ---: | :--- |', ...result.targets.map((t) => `| ${t.target} | ${t.measured} | ${t.status} |`)];
}

export function textTable(result: BenchResult): string {
  const all = [HEADINGS(result.meta.labels), ...rows(result)];
  const widths = COLUMNS.map((c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: Row): string =>
    COLUMNS.map((c, i) => (NUMERIC.has(c) ? r[c].padStart(widths[i]) : r[c].padEnd(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(all[0]), rule, ...all.slice(1).map(line), ...targetLines(result), '', ...legend(result), ...noiseWarnings(result)].join('\n');
}

export function markdownTable(result: BenchResult): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const line = (r: Row): string => `| ${COLUMNS.map((c) => cell(r[c])).join(' | ')} |`;
  const align = `| ${COLUMNS.map((c) => (NUMERIC.has(c) ? '---:' : ':---')).join(' | ')} |`;
  const { meta } = result;
  const versions = Object.entries(meta.versions).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `Measured ${meta.date} on ${meta.host}; ${versions}.`,
    '',
    line(HEADINGS(meta.labels)),
    align,
    ...rows(result).map(line),
    ...targetTable(result),
    '',
    ...legend(result),
    ...[...meta.notes, ...noiseWarnings(result)].map((n) => `- ${n}`),
    '',
  ].join('\n');
}

export function jsonReport(result: BenchResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
