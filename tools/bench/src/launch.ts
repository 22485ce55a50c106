// Starts a registry on a free loopback port in its own fresh directory, waits until /v2/
// answers, and stops it. Every child is tracked so that an error or Ctrl-C still kills it.
// Kinds: our registry alone (`ours`), docker-registry open (`docker`) or with htpasswd auth
// (`docker-auth`), and our whole stack behind token auth (`stack`, see stack.ts).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import registryNodeFlags from '../../../apps/registry/node-flags.json';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { Credentials } from './auth';
import { ServerProcesses } from './measure';

export type RegistryKind = 'ours' | 'docker' | 'stack' | 'docker-auth';

export interface LaunchOptions {
  /** Our registry's bundle, run as `node <ourMain> --config <harbor.yml>`. */
  readonly ourMain: string;
  readonly dockerBin: string;
  /** The stack's bundles, started in this order. */
  readonly stackMains: { readonly core: string; readonly registry: string; readonly proxy: string };
}

export interface RunningRegistry {
  readonly label: string;
  readonly kind: RegistryKind;
  readonly processes: ServerProcesses;
  /** Names of the roots and helpers, for the per-process CPU in the progress log. */
  readonly partNames?: readonly string[];
  readonly baseUrl: string;
  readonly logFiles: readonly string[];
  /** The account clients log in with, when the registry wants one. */
  readonly credentials?: Credentials;
  /** The stack's PostgreSQL database. */
  readonly database?: string;
  stop(): Promise<void>;
}

/** The account every authenticating registry of the bench knows (Harbor's default admin). */
export const ADMIN: Credentials = { username: 'admin', password: 'Harbor12345' };

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const live = new Set<ChildProcess>();

/** Kills every registry still running; synchronous so it also works in an 'exit' handler. */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** Tracks a child until it exits, so that killAll reaches it. */
export function track(child: ChildProcess): void {
  live.add(child);
  child.on('exit', () => live.delete(child));
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

/** Our registry alone: it listens on registry.port (http.port belongs to the proxy). */
function ourConfig(dir: string, port: number): string {
  const lines = ['hostname: 127.0.0.1', 'http:', `  port: ${port}`, 'registry:', `  port: ${port}`, `data_volume: ${path.join(dir, 'data')}`, 'log:', '  level: error', ''];
  return lines.join('\n');
}

/** htpasswd auth as distribution documents it: a bcrypt file (`htpasswd -B`) and a realm. */
function htpasswdAuth(dir: string): string {
  const file = path.join(dir, 'htpasswd');
  writeFileSync(file, execFileSync('htpasswd', ['-Bbn', ADMIN.username, ADMIN.password], { encoding: 'utf8' }));
  return `auth:\n  htpasswd:\n    realm: basic-realm\n    path: ${file}\n`;
}

/** distribution's config as its sample config ships it (in-memory blob descriptor cache). */
function dockerConfig(dir: string, port: number, auth: string): string {
  return `${auth}version: 0.1
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

/** Our registry starts exactly as `npm start` starts it: with the registry's own node flags. */
export const REGISTRY_NODE_FLAGS: readonly string[] = registryNodeFlags.flags;

function command(kind: RegistryKind, configFile: string, opts: LaunchOptions): [string, string[]] {
  return kind === 'ours' ? [process.execPath, [...REGISTRY_NODE_FLAGS, opts.ourMain, '--config', configFile]] : [opts.dockerBin, ['serve', configFile]];
}

/** The bench's environment minus what would change a server's configuration behind its back. */
export function childEnv(): NodeJS.ProcessEnv {
  // AWS_CA_BUNDLE makes distribution's s3 driver panic at start, even when it is not used;
  // HARBOR__* variables override harbor.yml keys.
  const { AWS_CA_BUNDLE: _ignored, ...env } = process.env;
  for (const key of Object.keys(env)) if (key.startsWith('HARBOR__')) delete env[key];
  return env;
}

/** Launches one registry of the kinds this file knows; `stack` is launched by stack.ts. */
export async function launchSingle(kind: Exclude<RegistryKind, 'stack'>, label: string, dir: string, opts: LaunchOptions): Promise<RunningRegistry> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const configFile = path.join(dir, kind === 'ours' ? 'harbor.yml' : 'config.yml');
  writeFileSync(configFile, kind === 'ours' ? ourConfig(dir, port) : dockerConfig(dir, port, kind === 'docker-auth' ? htpasswdAuth(dir) : ''));
  const logFile = path.join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  const [bin, args] = command(kind, configFile, opts);
  const child = spawn(bin, args, { cwd: process.cwd(), env: childEnv(), stdio: ['ignore', log, log] });
  closeSync(log);
  track(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitReady(child, baseUrl, kind === 'docker-auth' ? 401 : 200);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${label} did not start: ${(error as Error).message}\n${logTail(logFile)}`);
  }
  const credentials = kind === 'docker-auth' ? { credentials: ADMIN } : {};
  return { label, kind, processes: { roots: [child.pid ?? 0] }, baseUrl, logFiles: [logFile], ...credentials, stop: () => stopChild(child) };
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

/** Waits until GET /v2/ answers `expected` (200 open, 401 behind auth). */
async function waitReady(child: ChildProcess, baseUrl: string, expected: 200 | 401): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode})`);
    const status = await probe(baseUrl);
    if (status === expected) return;
    if (status === 401 || status === 200) throw new Error(`GET /v2/ answered ${status}, expected ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${baseUrl}/v2/ within ${READY_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM, then SIGKILL if the child has not exited within STOP_TIMEOUT_MS. */
export function stopChild(child: ChildProcess): Promise<void> {
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
