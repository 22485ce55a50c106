import { createHash, type Hash } from 'node:crypto';

export const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * `total` bytes of distinct, cheap-to-make content in 64 KiB chunks, hashed as produced, so
 * hundreds of MiB pass through a test without ever being held in memory.
 */
export function* patternChunks(total: number, hash: Hash = createHash('sha256')): Generator<Buffer> {
  for (let offset = 0, i = 0; offset < total; offset += CHUNK, i++) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, total - offset)).fill(i % 251);
    if (chunk.length >= 4) chunk.writeUInt32BE(i, 0);
    hash.update(chunk);
    yield chunk;
  }
}

/** Highest RSS seen while `work` runs, sampled every 20 ms. */
export async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}
