import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyslogFrameDecoder } from '@harbor-ts/logging';
import { bundleServiceMain, type TestBundle } from '../../registry/test/support/test-bundle';
import { freePort, logger, readLines, until } from './support/collector';

/** The log collector as operators run it: the bundled main.js as its own process, reading harbor.yml. */
let workDir: string;
let bundle: TestBundle;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'log-collector-process-'));
  bundle = await bundleServiceMain('log-collector');
}, 60_000);
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await bundle.remove();
});

interface Started {
  child: ChildProcess;
  output(): string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/** Spawns with an IPC channel, as tools/scripts/start.mjs does, to see the 'ready' message. */
async function startCollectorProcess(yaml: string): Promise<Started> {
  const config = join(workDir, `harbor-${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(config, `hostname: 127.0.0.1\ndata_volume: ${workDir}/data\n${yaml}`);
  const child = spawn(process.execPath, [bundle.file, '--config', config], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const ready = new Promise<void>((ok, fail) => {
    child.on('message', (m) => m === 'ready' && ok());
    void exited.then((code) => fail(new Error(`exited ${code} before ready: ${text}`)));
  });
  ready.catch(() => undefined);
  return { child, output: () => text, ready, exited };
}

describe('log-collector process', () => {
  it('writes per-service files under log.local.location, answers /health, stops on SIGTERM', async () => {
    const [port, healthPort] = [await freePort(), await freePort()];
    const location = join(workDir, 'logs-local');
    const started = await startCollectorProcess(
      `log:\n  level: info\n  local:\n    location: ${location}\n    rotate_size: 1M\n    rotate_count: 2\nlog_collector:\n  port: ${port}\n  health_port: ${healthPort}\n`,
    );
    try {
      await started.ready;
      await logger(['-n', '127.0.0.1', '-P', String(port), '-T', '-t', 'core', 'over tcp']);
      await logger(['-n', '127.0.0.1', '-P', String(port), '-d', '--rfc3164', '-t', 'proxy', 'over udp']);
      await until(() => readLines(join(location, 'core.log')), (l) => l.length === 1);
      await until(() => readLines(join(location, 'proxy.log')), (l) => l.length === 1);
      const health = await fetch(`http://127.0.0.1:${healthPort}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'healthy', received: 2, malformed: 0 });
      const listening = started.output().split('\n').find((l) => l.includes('log collector listening'));
      expect(JSON.parse(listening!)).toMatchObject({ service: 'log-collector', syslog: `127.0.0.1:${port}`, destination: location });
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it('forwards to log.external_endpoint and creates nothing under log.local.location', async () => {
    const received: string[] = [];
    const sockets = new Set<Socket>();
    const endpoint = createServer((s) => {
      sockets.add(s);
      const decoder = new SyslogFrameDecoder({ frame: (f) => received.push(f.toString()), malformed: () => undefined });
      s.on('data', (c) => decoder.push(c)).on('error', () => undefined);
    });
    await new Promise<void>((ok) => endpoint.listen(0, '127.0.0.1', ok));
    const location = join(workDir, 'logs-never');
    const port = await freePort();
    const started = await startCollectorProcess(
      `log:\n  local:\n    location: ${location}\n  external_endpoint:\n    protocol: tcp\n    host: 127.0.0.1\n    port: ${(endpoint.address() as AddressInfo).port}\nlog_collector:\n  port: ${port}\n  health_port: ${await freePort()}\n`,
    );
    try {
      await started.ready;
      await logger(['-n', '127.0.0.1', '-P', String(port), '-T', '-t', 'jobservice', 'forward me']);
      await until(() => received, (r) => r.length === 1);
      expect(received[0]).toMatch(/^<13>1 \S+ \S+ jobservice - - \[timeQuality .*\] forward me$/);
      expect(existsSync(location)).toBe(false);
    } finally {
      started.child.kill('SIGTERM');
      for (const s of sockets) s.destroy();
      endpoint.close();
    }
    expect(await started.exited).toBe(0);
  });

  it('exits 2 naming the offending keys of a bad configuration', async () => {
    const started = await startCollectorProcess('log_collector:\n  port: syslog\nlog:\n  external_endpoint:\n    protocol: carrier-pigeon\n    host: h\n    port: 1\n');
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('log_collector.port');
    expect(started.output()).toContain('log.external_endpoint.protocol');
  });

  it('exits 1 naming the directory when the log location cannot be created', async () => {
    const blocker = join(workDir, 'a-file');
    await writeFile(blocker, 'not a directory');
    const started = await startCollectorProcess(`log:\n  local:\n    location: ${blocker}/logs\nlog_collector:\n  port: ${await freePort()}\n  health_port: ${await freePort()}\n`);
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('log collector could not start');
    expect(started.output()).toContain(`${blocker}/logs`);
  });
});
