import { ConfigError } from './errors';
import { thrown } from './test/files';
import { parseDuration, parseSize } from './units';

describe('parseDuration', () => {
  it.each([
    ['168h', 168 * 3_600_000],
    ['24h', 86_400_000],
    ['5m', 300_000],
    ['5m0s', 300_000],
    ['1h30m', 5_400_000],
    ['1s', 1000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['1500us', 2],
    ['0', 0],
    [' 30s ', 30_000],
    [5000, 5000],
  ])('%p -> %p ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', '5', 'abc', '5d', '-5s', '5 s', 's', '1.2.3s', '5s5'])('rejects %p naming the key', (input) => {
    expect(() => parseDuration(input, 'upload_purging.age')).toThrow(ConfigError);
    expect(() => parseDuration(input, 'upload_purging.age')).toThrow(/upload_purging\.age: expected a duration/);
  });

  it('rejects negative and non-finite numbers', () => {
    expect(() => parseDuration(-1, 'x.timeout')).toThrow(/x\.timeout/);
    expect(() => parseDuration(Number.POSITIVE_INFINITY, 'x.timeout')).toThrow(ConfigError);
  });

  it('reports the key in the issue list', () => {
    const err = thrown<ConfigError>(() => parseDuration('soon', 'registry.notifications.endpoints[0].backoff'));
    expect(err.issues).toEqual([
      { path: 'registry.notifications.endpoints[0].backoff', message: expect.stringContaining("'soon'") },
    ]);
  });
});

describe('parseSize', () => {
  it.each([
    ['100', 100],
    ['100k', 100 * 1024],
    ['100K', 100 * 1024],
    ['200M', 200 * 1024 ** 2],
    ['4MiB', 4 * 1024 ** 2],
    ['4MB', 4 * 1024 ** 2],
    ['1G', 1024 ** 3],
    ['1.5G', 1.5 * 1024 ** 3],
    ['2T', 2 * 1024 ** 4],
    ['512 k', 512 * 1024],
    [4096, 4096],
  ])('%p -> %p bytes', (input, bytes) => {
    expect(parseSize(input)).toBe(bytes);
  });

  it.each(['', 'M', 'big', '10X', '-1M', '1..5M'])('rejects %p naming the key', (input) => {
    expect(() => parseSize(input, 'log.local.rotate_size')).toThrow(/log\.local\.rotate_size: expected a size/);
  });

  it('rejects fractional and negative byte counts', () => {
    expect(() => parseSize(1.5)).toThrow(ConfigError);
    expect(() => parseSize(-1)).toThrow(ConfigError);
  });
});
