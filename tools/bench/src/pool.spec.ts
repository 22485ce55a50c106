import { runPool } from './pool';

describe('runPool', () => {
  it('runs every task once with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await runPool(20, 4, async (i) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(i);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(4);
  });
  it('stops starting tasks after a failure and rethrows it', async () => {
    let started = 0;
    const run = runPool(100, 2, async (i) => {
      started++;
      if (i === 3) throw new Error('boom');
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toBeLessThan(10);
  });
});
