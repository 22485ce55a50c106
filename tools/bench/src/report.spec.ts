import { formatNumber, formatRatio, jsonReport, markdownTable, noiseWarnings, rows, textTable } from './report';
import { BenchResult, peakResult, scenarioResult } from './results';

const measurement = (seconds: number, cpuSeconds: number, peakRssMiB: number, foreignCpuSeconds = 0) => ({ ops: 512, seconds, cpuSeconds, peakRssMiB, foreignCpuSeconds });

function sample(): BenchResult {
  const labels = ['ours', 'docker-registry'] as const;
  const push = scenarioResult(
    {
      id: 'blob-push-monolithic',
      title: 'blob push 512 MiB, monolithic (POST + PUT)',
      unit: 'MiB/s',
      a: [measurement(1, 1, 40), measurement(2, 1.2, 50), measurement(1.6, 1.1, 45)],
      b: [measurement(2, 2, 30), measurement(2, 2.2, 30), measurement(2, 2.1, 30, 1.5)],
    },
    labels,
  );
  return {
    meta: { date: '2025-01-01T00:00:00.000Z', scale: 'full', runs: 3, labels, host: '2 x cpu', versions: { node: 'v20' }, notes: ['a note'] },
    scenarios: [push],
    wholeRunPeakRssMiB: { a: peakResult([100, 120, 110]), b: peakResult([55, 55, 55]) },
  };
}

describe('number formatting', () => {
  it('keeps about three significant digits', () => {
    expect([formatNumber(1234.5), formatNumber(45.67), formatNumber(4.567), formatNumber(0.1234)]).toEqual(['1235', '45.7', '4.57', '0.123']);
  });
  it('prints n/a for missing figures', () => {
    expect(formatNumber(NaN)).toBe('n/a');
    expect(formatRatio(Infinity)).toBe('n/a');
    expect(formatRatio(1.234)).toBe('1.23x');
  });
});

describe('rows', () => {
  const table = rows(sample());
  it('gives throughput, CPU and RSS rows per scenario, then the whole-run peak', () => {
    expect(table.map((r) => r.metric)).toEqual(['MiB/s', 'server CPU s', 'peak RSS MiB', 'VmHWM MiB']);
    expect(table[0].scenario).toBe('blob push 512 MiB, monolithic (POST + PUT)');
    expect(table[1].scenario).toBe('');
  });
  it('reports medians and ratios oriented so that > 1 favours the first registry', () => {
    // throughput medians: ours 512/1.6 = 320, theirs 256 -> 1.25x
    expect(table[0]).toMatchObject({ a: '320', b: '256', ratio: '1.25x' });
    // CPU medians: ours 1.1, theirs 2.1 -> theirs/ours
    expect(table[1]).toMatchObject({ a: '1.10', b: '2.10', ratio: '1.91x' });
    expect(table[2]).toMatchObject({ a: '45.0', b: '30.0', ratio: '0.67x' });
    expect(table[3]).toMatchObject({ a: '110', b: '55.0', ratio: '0.50x' });
  });
  it('shows the run-to-run spread of each side', () => {
    expect(table[0].noise).toBe('±40% / ±0%');
  });
});

describe('rendering', () => {
  it('aligns the text table and explains the ratios', () => {
    const lines = textTable(sample()).split('\n');
    expect(lines[0]).toMatch(/^scenario\s+metric\s+ours\s+docker-registry\s+ratio\s+run spread$/);
    const ratioEnd = lines[0].indexOf('ratio') + 'ratio'.length;
    expect(lines.slice(2, 6).map((l) => l[ratioEnd - 1])).toEqual(['x', 'x', 'x', 'x']);
    expect(lines.join('\n')).toContain('ratio > 1 means ours did better');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(110);
  });
  it('writes a markdown table with right-aligned figures', () => {
    const md = markdownTable(sample());
    expect(md).toContain('| scenario | metric | ours | docker-registry | ratio | run spread |');
    expect(md).toContain('| :--- | :--- | ---: | ---: | ---: | ---: |');
    expect(md).toContain('| blob push 512 MiB, monolithic (POST + PUT) | MiB/s | 320 | 256 | 1.25x |');
    expect(md).toContain('- a note');
  });
  it('warns about scenarios during which other processes loaded the machine', () => {
    expect(noiseWarnings(sample())).toEqual(['warning: other processes used up to 0.75 cores during "blob-push-monolithic"; its figures are noisy.']);
    expect(textTable(sample())).toContain('0.75 cores');
  });
  it('writes JSON that round-trips with every run', () => {
    const parsed = JSON.parse(jsonReport(sample())) as BenchResult;
    expect(parsed.scenarios[0].a.runs).toHaveLength(3);
    expect(parsed.scenarios[0].ratio.throughput).toBeCloseTo(1.25);
  });
});
