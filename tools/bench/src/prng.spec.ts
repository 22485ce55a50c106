import { createHash } from 'node:crypto';
import { blobBytes, blobChunks, blobDigest, blobStream, mulberry32, PAGE_SIZE } from './prng';

const hashOf = (chunks: Iterable<Buffer>): string => {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
};

describe('mulberry32', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    expect(seqA.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
  });
});

describe('blob content', () => {
  const spec = { seed: 42, size: 3 * PAGE_SIZE + 12345 };

  it('has exactly the requested size, in chunks of at most one page', () => {
    const chunks = [...blobChunks(spec)];
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(spec.size);
    expect(chunks.every((c) => c.length <= PAGE_SIZE)).toBe(true);
  });

  it('gives the same digest every time, and a known digest for a fixed seed', () => {
    expect(blobDigest(spec)).toBe(blobDigest(spec));
    // Pinned: changing the generator changes every digest the bench pushes.
    expect(blobDigest({ seed: 1, size: 1000 })).toBe('sha256:9844e0c403a00ad00586a78fce2b727d0684661d88d1ed5b332b9b01b4891272');
    expect(blobDigest(spec)).toBe('sha256:88ed0bacbc4847a250d94da410dc4f34ea0b509fd2cb4eb33e2cee652de66e04');
  });

  it('matches its digest when hashed independently', () => {
    expect(hashOf([blobBytes(spec)])).toBe(blobDigest(spec));
  });

  it('produces the same bytes for any split into ranges (chunked upload)', () => {
    const whole = blobBytes(spec);
    const cuts = [0, 1, 15, 17, PAGE_SIZE - 1, PAGE_SIZE + 3, 2 * PAGE_SIZE, spec.size];
    const parts = cuts.slice(1).map((end, i) => Buffer.concat([...blobChunks(spec, cuts[i], end)]));
    expect(Buffer.concat(parts).equals(whole)).toBe(true);
  });

  it('differs between seeds and between pages of one blob', () => {
    expect(blobDigest({ seed: 1, size: 4096 })).not.toBe(blobDigest({ seed: 2, size: 4096 }));
    const [first, second] = blobChunks({ seed: 1, size: 2 * PAGE_SIZE });
    expect(first.equals(second)).toBe(false);
  });

  it('is incompressible enough: no byte value dominates', () => {
    const bytes = blobBytes({ seed: 3, size: 65536 });
    const counts = new Array<number>(256).fill(0);
    for (const b of bytes) counts[b]++;
    expect(Math.max(...counts)).toBeLessThan(400);
  });

  it('streams the same bytes as it generates', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of blobStream(spec, 100, PAGE_SIZE + 100)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(blobBytes(spec).subarray(100, PAGE_SIZE + 100))).toBe(true);
  });

  it('rejects ranges outside the blob', () => {
    expect(() => [...blobChunks(spec, 0, spec.size + 1)]).toThrow(RangeError);
  });
});
