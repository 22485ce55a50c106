import { kernelThreadTicks, ProcSnapshot, treeOf, treeTicks } from './procfs';

const stat = (ppid: number, ownTicks: number, childTicks = 0) => ({ ppid, ownTicks, childTicks });

// 1 init, 2 kthreadd with two kernel threads, 100 a server with a worker 101 and its child 102.
const snap: ProcSnapshot = {
  machineTicks: 0,
  stats: new Map([
    [1, stat(0, 5)],
    [2, stat(0, 1)],
    [3, stat(2, 10)],
    [4, stat(2, 20)],
    [100, stat(1, 50, 7)],
    [101, stat(100, 30)],
    [102, stat(101, 3)],
    [200, stat(1, 99)],
  ]),
};

describe('process tree accounting', () => {
  it('finds every descendant of the root', () => {
    expect(treeOf(snap, 100).sort((a, b) => a - b)).toEqual([100, 101, 102]);
  });
  it('adds the ticks of the live tree and of children the root has reaped', () => {
    expect(treeTicks(snap, 100)).toBe(50 + 30 + 3 + 7);
  });
  it('counts kernel threads apart', () => {
    expect(kernelThreadTicks(snap)).toBe(31);
  });
});
