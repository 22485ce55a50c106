import { cachedFor } from './cache';

describe('cachedFor', () => {
  it('shares one load within the time to live and loads again after it', async () => {
    let clock = 0;
    let loads = 0;
    const get = cachedFor(5_000, async () => ++loads, () => clock);
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    clock = 4_999;
    expect(await get()).toBe(1);
    clock = 5_000;
    expect(await get()).toBe(2);
  });

  it('does not keep a failed load', async () => {
    let calls = 0;
    const get = cachedFor(5_000, async () => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return 'ok';
    });
    await expect(get()).rejects.toThrow('database down');
    expect(await get()).toBe('ok');
  });
});
