import { ConfigError } from './errors';
import { loadConfig } from './load';
import { logCollectorConfig, logShippingConfig } from './log-collector-config';
import { inDir, scratch } from './test/files';

const files = scratch();
afterAll(() => files.cleanup());

function load(yaml: string, env: Record<string, string> = {}) {
  const file = files.write(`c${Math.random().toString(36).slice(2)}.yml`, yaml);
  return inDir(files.dir, () => loadConfig({ file, env, argv: [] })).config;
}

describe('logCollectorConfig', () => {
  it("defaults to Harbor's log settings: /var/log/harbor, 200M, 50 files, syslog on 127.0.0.1:1514", () => {
    const c = logCollectorConfig(load('hostname: h\n'));
    expect(c).toEqual({
      listen: { host: '127.0.0.1', port: 1514 },
      health: { host: '127.0.0.1', port: 8480 },
      files: { directory: '/var/log/harbor', rotateSizeBytes: 200 * 1024 * 1024, rotateCount: 50 },
      log: { level: 'info' },
    });
  });

  it('takes log.local and log_collector keys, with relative locations resolved', () => {
    const c = logCollectorConfig(load('hostname: h\nlog:\n  level: warning\n  local:\n    location: ./logs\n    rotate_size: 10M\n    rotate_count: 3\nlog_collector:\n  bind: 0.0.0.0\n  port: 10514\n  health_port: 9514\n'));
    expect(c).toEqual({
      listen: { host: '0.0.0.0', port: 10514 },
      health: { host: '0.0.0.0', port: 9514 },
      files: { directory: `${files.dir}/logs`, rotateSizeBytes: 10 * 1024 * 1024, rotateCount: 3 },
      log: { level: 'warn' },
    });
  });

  it('forwards instead of writing files when log.external_endpoint is set', () => {
    const c = logCollectorConfig(load('hostname: h\nlog:\n  local:\n    location: /x\n  external_endpoint:\n    protocol: udp\n    host: syslog.example\n    port: 514\n'));
    expect(c.forward).toEqual({ protocol: 'udp', host: 'syslog.example', port: 514 });
    expect(c.files).toBeUndefined();
  });

  it('names the key of a bad value, environment overrides included', () => {
    expect(() => load('log_collector:\n  port: 0\n')).toThrow(/log_collector\.port: must be between 1 and 65535/);
    expect(() => load('log_collector:\n  host: http://x/\n')).toThrow(/log_collector\.host/);
    expect(() => load('log_collector:\n  bind: "a b"\n')).toThrow(ConfigError);
    expect(() => load('hostname: h\n', { HARBOR__LOG_COLLECTOR__PORT: 'x' })).toThrow(/HARBOR__LOG_COLLECTOR__PORT/);
  });

  it('warns about an unknown log_collector key instead of failing', () => {
    const file = files.write('unknown.yml', 'log_collector:\n  colour: red\n');
    const loaded = inDir(files.dir, () => loadConfig({ file, env: {}, argv: [] }));
    expect(loaded.warnings.join('\n')).toContain('log_collector.colour');
  });
});

describe('logShippingConfig', () => {
  it('reaches the collector on loopback by default, on its bind address, or by log_collector.host', () => {
    expect(logShippingConfig(load('hostname: h\n'))).toEqual({ host: '127.0.0.1', port: 1514 });
    expect(logShippingConfig(load('log_collector:\n  bind: 0.0.0.0\n  port: 2000\n'))).toEqual({ host: '127.0.0.1', port: 2000 });
    expect(logShippingConfig(load('log_collector:\n  bind: 10.0.0.5\n'))).toEqual({ host: '10.0.0.5', port: 1514 });
    expect(logShippingConfig(load('log_collector:\n  bind: 0.0.0.0\n  host: log\n'))).toEqual({ host: 'log', port: 1514 });
  });
});
