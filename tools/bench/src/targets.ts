// The targets for the full stack, checked against a bench result: throughput ratios
// against docker-registry, token issuance in tokens per second, and the p95 latency of the
// artifact list. A target whose scenario did not run (or has no figure) reads "n/a".
import { formatNumber, formatRatio } from './report';
import { ScenarioResult } from './results';

export interface Target {
  readonly scenario: string;
  readonly text: string;
  /** The figure the target reads (NaN when missing), formatted, and whether it meets the target. */
  check(s: ScenarioResult): { readonly value: number; readonly measured: string; readonly pass: boolean };
}

export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  readonly status: 'pass' | 'FAIL' | 'n/a';
}

function ratioAtLeast(scenario: string, what: string, min: number): Target {
  return {
    scenario,
    text: `${what} >= ${min.toFixed(1)}x docker-registry`,
    check: (s) => ({ value: s.ratio.throughput, measured: formatRatio(s.ratio.throughput), pass: s.ratio.throughput >= min }),
  };
}

export const STACK_TARGETS: readonly Target[] = [
  ratioAtLeast('blob-pull', 'blob pull throughput', 0.9),
  ratioAtLeast('blob-push-monolithic', 'blob push throughput (monolithic)', 0.8),
  ratioAtLeast('blob-push-chunked', 'blob push throughput (chunked)', 0.8),
  ratioAtLeast('manifest-get-by-tag', 'manifest GET throughput', 0.8),
  {
    scenario: 'token-issuance',
    text: 'token issuance >= 500/s',
    check: ({ a }) => ({ value: a.median.throughput, measured: `${formatNumber(a.median.throughput)}/s`, pass: a.median.throughput >= 500 }),
  },
  {
    scenario: 'list-artifacts',
    text: 'artifact list of 10,000 artifacts: p95 < 50 ms',
    check: ({ a }) => ({ value: a.median.p95Ms, measured: `p95 ${formatNumber(a.median.p95Ms)} ms`, pass: a.median.p95Ms < 50 }),
  },
];

export function checkTargets(scenarios: readonly ScenarioResult[], targets: readonly Target[]): TargetResult[] {
  return targets.map((t) => {
    const s = scenarios.find((x) => x.id === t.scenario);
    if (!s) return { target: t.text, measured: 'not run', status: 'n/a' };
    const { value, measured, pass } = t.check(s);
    return { target: t.text, measured, status: !Number.isFinite(value) ? 'n/a' : pass ? 'pass' : 'FAIL' };
  });
}
