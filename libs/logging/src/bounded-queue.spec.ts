import { BoundedQueue } from './bounded-queue';

const b = (s: string) => Buffer.from(s);

describe('BoundedQueue', () => {
  it('drops the oldest entries beyond its count and byte limits, and counts them', () => {
    const q = new BoundedQueue(3, 1000);
    for (const s of ['a', 'b', 'c', 'd', 'e']) q.push(b(s));
    expect(q.dropped).toBe(2);
    expect([q.shift(), q.shift(), q.shift(), q.shift()].map((x) => x?.toString())).toEqual(['c', 'd', 'e', undefined]);
    const bytes = new BoundedQueue(100, 10);
    for (const s of ['1234', '5678', '90ab']) bytes.push(b(s));
    expect(bytes.bytes).toBe(8);
    expect(bytes.dropped).toBe(1);
    bytes.push(b('x'.repeat(11)));
    expect(bytes.dropped).toBe(2);
  });

  it('hands out batches of whole entries up to a size, and stays consistent over many pushes', () => {
    const q = new BoundedQueue(5000, 1 << 20);
    for (let i = 0; i < 10_000; i++) q.push(b(`m${i};`));
    expect(q.length).toBe(5000);
    let text = '';
    for (let batch = q.takeBatch(100); batch; batch = q.takeBatch(100)) {
      expect(batch.length).toBeLessThanOrEqual(100);
      text += batch.toString();
    }
    const ids = text.split(';').filter(Boolean).map((m) => Number(m.slice(1)));
    expect(ids).toEqual(Array.from({ length: 5000 }, (_, i) => 5000 + i));
    expect(q.bytes).toBe(0);
  });
});
