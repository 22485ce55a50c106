import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('drops the oldest insertion beyond its capacity and updates in place', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    expect(map.size).toBe(2);
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([undefined, 2, 4]);
    map.delete('b');
    expect(map.size).toBe(1);
  });
});
