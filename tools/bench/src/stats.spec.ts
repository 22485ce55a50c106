import { median, medianFigures, percentile, ratio, ratios, spread, toFigures, worstForeignLoad } from './stats';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });
  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is NaN for no values and leaves its input unsorted', () => {
    const values = [3, 1, 2];
    expect(median([])).toBeNaN();
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('spread', () => {
  it('is half the range over the median', () => {
    expect(spread([90, 100, 110])).toBeCloseTo(0.1);
  });
  it('is 0 for a single run', () => {
    expect(spread([42])).toBe(0);
  });
});

describe('ratios', () => {
  const quiet = { clientCpuSeconds: 0, foreignCpuSeconds: 0 };
  const ours = { throughput: 200, seconds: 1, cpuSeconds: 1, peakRssMiB: 100, p95Ms: 10, ...quiet };
  const theirs = { throughput: 100, seconds: 2, cpuSeconds: 2, peakRssMiB: 50, p95Ms: 30, ...quiet };
  it('orients every ratio so that > 1 means ours did better', () => {
    expect(ratios(ours, theirs)).toEqual({ throughput: 2, cpuSeconds: 2, peakRssMiB: 0.5, p95Ms: 3 });
  });
  it('is NaN when one side could not run the scenario', () => {
    const na = { throughput: NaN, seconds: NaN, cpuSeconds: NaN, peakRssMiB: NaN, p95Ms: NaN, ...quiet };
    expect(Object.values(ratios(ours, na)).every(Number.isNaN)).toBe(true);
  });
  it('is NaN instead of Infinity when the denominator is 0', () => {
    expect(ratio(1, 0)).toBeNaN();
  });
});

describe('figures', () => {
  it('turns work and time into throughput', () => {
    expect(toFigures({ ops: 512, seconds: 2, cpuSeconds: 1.5, peakRssMiB: 30 }).throughput).toBe(256);
  });
  it('keeps p95 latency when measured, NaN otherwise', () => {
    expect(toFigures({ ops: 1, seconds: 1, cpuSeconds: 0, peakRssMiB: 0, p95Ms: 12 }).p95Ms).toBe(12);
    expect(toFigures({ ops: 1, seconds: 1, cpuSeconds: 0, peakRssMiB: 0 }).p95Ms).toBeNaN();
  });
  it('takes the median of each figure separately', () => {
    const runs = [
      { throughput: 1, seconds: 30, cpuSeconds: 5, peakRssMiB: 10, p95Ms: 4, clientCpuSeconds: 1, foreignCpuSeconds: 0 },
      { throughput: 3, seconds: 10, cpuSeconds: 4, peakRssMiB: 30, p95Ms: 6, clientCpuSeconds: 3, foreignCpuSeconds: 5 },
      { throughput: 2, seconds: 20, cpuSeconds: 6, peakRssMiB: 20, p95Ms: 5, clientCpuSeconds: 2, foreignCpuSeconds: 1 },
    ];
    expect(medianFigures(runs)).toEqual({ throughput: 2, seconds: 20, cpuSeconds: 5, peakRssMiB: 20, p95Ms: 5, clientCpuSeconds: 2, foreignCpuSeconds: 1 });
    expect(worstForeignLoad(runs)).toBe(0.5);
    expect(worstForeignLoad(runs, 2)).toBe(0.5);
    expect(worstForeignLoad(runs, 6)).toBe(0);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.95)).toBeNaN();
  });
});
