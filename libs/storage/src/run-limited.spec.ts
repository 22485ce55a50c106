import { runLimited } from './run-limited';

describe('runLimited', () => {
  it('never runs more than the limit at once and runs every task', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const tasks = Array.from({ length: 20 }, (_, i) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      done.push(i);
    });
    await runLimited(tasks, 4);
    expect(peak).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) => async () => {
      started.push(i);
      if (i === 1) throw new Error('boom');
    });
    await expect(runLimited(tasks, 1)).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });
});
