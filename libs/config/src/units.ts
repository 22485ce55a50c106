import { ConfigError } from './errors';

// Go's time.ParseDuration units (Harbor writes "168h", "5m0s"), expressed in milliseconds.
const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

// logrotate-style sizes as Harbor documents them ("100", "100k", "200M", "1G"): powers of 1024.
const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i;

/** Milliseconds for a duration, or undefined when it is not one. Numbers are milliseconds. */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '0') return 0;
  if (text === '') return undefined;
  let total = 0;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < text.length) {
    const match = DURATION_PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * DURATION_UNITS[match[2]];
  }
  return Math.round(total);
}

/** Bytes for a size such as "200M" or 4096, or undefined when it is not one. */
export function sizeBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = SIZE_PATTERN.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()]);
}

/**
 * Parses "168h", "5m0s", "1.5s", "250ms" (or a number of milliseconds) to milliseconds.
 * Throws a ConfigError naming `key` so the operator knows which setting to fix.
 */
export function parseDuration(value: string | number, key = 'duration'): number {
  const ms = durationMs(value);
  if (ms === undefined) {
    throw new ConfigError([{ path: key, message: `expected a duration such as "250ms", "5s", "5m" or "168h", got '${value}'` }]);
  }
  return ms;
}

/** Parses "200M", "4MiB", "512k", "1G" (or a number of bytes) to bytes; K/M/G/T are powers of 1024. */
export function parseSize(value: string | number, key = 'size'): number {
  const bytes = sizeBytes(value);
  if (bytes === undefined) {
    throw new ConfigError([{ path: key, message: `expected a size such as "512k", "200M" or "1G", got '${value}'` }]);
  }
  return bytes;
}
