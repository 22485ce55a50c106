import { markdownTable, rows, textTable } from './report';
import { BenchResult, peakResult, scenarioResult } from './results';
import { checkTargets, STACK_TARGETS } from './targets';

const labels = ['ours (stack)', 'docker-registry (htpasswd)'] as const;
const run = (ops: number, seconds: number, p95Ms?: number) => ({ ops, seconds, cpuSeconds: 1, peakRssMiB: 100, ...(p95Ms === undefined ? {} : { p95Ms }) });
const na = { ops: NaN, seconds: NaN, cpuSeconds: NaN, peakRssMiB: NaN };
const scenario = (id: string, a: ReturnType<typeof run> | typeof na, b: ReturnType<typeof run> | typeof na) =>
  scenarioResult({ id, title: id, unit: 'x/s', a: [a], b: [b] }, labels);

function sample(): BenchResult {
  const scenarios = [
    scenario('blob-pull', run(95, 1), run(100, 1)),
    scenario('blob-push-monolithic', run(79, 1), run(100, 1)),
    scenario('manifest-get-by-tag', run(80, 1), run(100, 1)),
    scenario('token-issuance', run(600, 1, 80), na),
    scenario('list-artifacts', run(100, 1, 62.5), na),
  ];
  return {
    meta: { date: 'd', scale: 'full', runs: 1, labels, host: 'h', versions: {}, notes: [] },
    scenarios,
    wholeRunPeakRssMiB: { a: peakResult([1]), b: peakResult([1]) },
    targets: checkTargets(scenarios, STACK_TARGETS),
  };
}

describe('stack targets', () => {
  it('checks ratios against docker-registry, tokens per second and the list p95', () => {
    expect(checkTargets(sample().scenarios, STACK_TARGETS).map((t) => [t.measured, t.status])).toEqual([
      ['0.95x', 'pass'],
      ['0.79x', 'FAIL'],
      ['not run', 'n/a'],
      ['0.80x', 'pass'],
      ['600/s', 'pass'],
      ['p95 62.5 ms', 'FAIL'],
    ]);
  });
  it('reads n/a when the figure is missing', () => {
    const missing = [scenario('list-artifacts', na, na)];
    expect(checkTargets(missing, STACK_TARGETS).find((t) => t.target.includes('p95'))?.status).toBe('n/a');
  });
});

describe('rendering the stack pair', () => {
  it('adds a p95 row where latencies were timed, and n/a for the side that cannot run', () => {
    const list = rows(sample()).filter((r) => r.metric === 'p95 ms');
    expect(list.map((r) => [r.a, r.b, r.ratio, r.noise])).toEqual([
      ['80.0', 'n/a', 'n/a', '±0% / n/a'],
      ['62.5', 'n/a', 'n/a', '±0% / n/a'],
    ]);
  });
  it('lists the targets with their status in text and markdown', () => {
    expect(textTable(sample())).toMatch(/FAIL\s+artifact list of 10,000 artifacts: p95 < 50 ms\s+p95 62.5 ms/);
    expect(markdownTable(sample())).toContain('| token issuance >= 500/s | 600/s | pass |');
  });
});
