// Starts a registry on a free loopback port in its own fresh directory, waits until /v2/
// answers, and stops it. Every child is tracked so that an error or Ctrl-C still kills it.
import { ChildProcess, spawn } from 'node:child_process';
import registryNodeFlags from '../../../apps/registry/node-flags.json';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export type RegistryKind = 'ours' | 'docker';

export interface LaunchOptions {
  /** Our registry's bundle, run as `node <ourMain> --config <harbor.yml>`. */
  readonly ourMain: string;
  readonly dockerBin: string;
}

export interface RunningRegistry {
  readonly label: string;
  readonly kind: RegistryKind;
  readonly pid: number;
  readonly baseUrl: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const live = new Set<ChildProcess>();

/** Kills every registry still running; synchronous so it also works in an 'exit' handler. */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ourConfig(dir: string, port: number): string {
  return ['hostname: 127.0.0.1', 'http:', `  port: ${port}`, `data_volume: ${path.join(dir, 'data')}`, 'log:', '  level: error', ''].join('\n');
}

/** distribution's config as its sample config ships it (in-memory blob descriptor cache). */
function dockerConfig(dir: string, port: number): string {
  return `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: ${path.join(dir, 'data')}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:${port}
`;
}

function command(kind: RegistryKind, configFile: string, opts: LaunchOptions): [string, string[]] {
  // Ours starts exactly as `npm start` starts it: with the registry's own node flags.
  return kind === 'ours' ? [process.execPath, [...registryNodeFlags.flags, opts.ourMain, '--config', configFile]] : [opts.dockerBin, ['serve', configFile]];
}

function childEnv(): NodeJS.ProcessEnv {
  // AWS_CA_BUNDLE makes distribution's s3 driver panic at start, even when it is not used.
  const { AWS_CA_BUNDLE: _ignored, ...env } = process.env;
  return env;
}

export async function launch(kind: RegistryKind, label: string, dir: string, opts: LaunchOptions): Promise<RunningRegistry> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const configFile = path.join(dir, kind === 'ours' ? 'harbor.yml' : 'config.yml');
  writeFileSync(configFile, kind === 'ours' ? ourConfig(dir, port) : dockerConfig(dir, port));
  const logFile = path.join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  const [bin, args] = command(kind, configFile, opts);
  const child = spawn(bin, args, { cwd: process.cwd(), env: childEnv(), stdio: ['ignore', log, log] });
  closeSync(log);
  live.add(child);
  child.on('exit', () => live.delete(child));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitReady(child, baseUrl);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${label} did not start: ${(error as Error).message}\n${logTail(logFile)}`);
  }
  return { label, kind, pid: child.pid ?? 0, baseUrl, logFile, stop: () => stop(child) };
}

function probe(baseUrl: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`${baseUrl}/v2/`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
  });
}

async function waitReady(child: ChildProcess, baseUrl: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode})`);
    const status = await probe(baseUrl);
    if (status === 200) return;
    if (status === 401) throw new Error('GET /v2/ answered 401: the bench needs a registry without auth');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${baseUrl}/v2/ within ${READY_TIMEOUT_MS / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
