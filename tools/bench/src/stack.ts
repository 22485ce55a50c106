// Our whole stack for the bench, started as `npm start` starts it (tools/scripts/start.mjs):
// core, then the registry, then the proxy, each `node <bundle> --config harbor.yml`, each
// waited for until it sends 'ready' over its IPC channel. The harbor.yml is generated in the
// run directory with free ports, its own database and Redis key prefix, and token auth.
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { basicHeader } from './auth';
import { expectStatus, HttpClient } from './http';
import { ADMIN, childEnv, freePort, LaunchOptions, logTail, REGISTRY_NODE_FLAGS, RunningRegistry, stopChild, track } from './launch';
import { backendPids, PG, REDIS, registerLeftovers, removeStackData, stackNames } from './stack-db';

/** Core migrates a fresh database on its first start; give it longer than a plain registry. */
const READY_TIMEOUT_MS = 60_000;
/** The project every /v2 fixture of the bench lives in (repositories `bench/...`). */
export const BENCH_PROJECT = 'bench';

interface Ports {
  readonly http: number;
  readonly core: number;
  readonly registry: number;
}

function stackConfig(dir: string, ports: Ports, names: { database: string; redisPrefix: string }): string {
  return `hostname: 127.0.0.1
http:
  port: ${ports.http}
harbor_admin_password: ${ADMIN.password}
data_volume: ${path.join(dir, 'data')}
external_database:
  harbor:
    host: ${PG.host}
    port: ${PG.port}
    db_name: ${names.database}
    username: ${PG.user}
    password: ""
    ssl_mode: disable
external_redis:
  host: ${REDIS.host}:${REDIS.port}
log:
  level: error
upload_purging:
  enabled: false
core:
  bind: 127.0.0.1
  port: ${ports.core}
  redis_key_prefix: "${names.redisPrefix}"
registry:
  bind: 127.0.0.1
  port: ${ports.registry}
  token: {}
`;
}

/** Spawns one service with an IPC channel and resolves once it sends 'ready'. */
function startService(name: string, args: readonly string[], logFile: string): Promise<ChildProcess> {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...args], { cwd: process.cwd(), env: childEnv(), stdio: ['ignore', log, log, 'ipc'] });
  closeSync(log);
  track(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} sent no 'ready' within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null): void => fail(new Error(`${name} exited before it was ready (${code ?? signal})`));
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${logTail(logFile)}`));
    };
    child.once('exit', onExit);
    child.on('message', (message) => {
      if (message !== 'ready') return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(child);
    });
  });
}

/**
 * Relays the proxy's connection handoffs to the registry, as tools/scripts/start.mjs does, so
 * blob downloads are measured the way `npm start` serves them (apps/proxy/src/handoff.ts).
 */
function relayHandoffs(proxy: ChildProcess, registry: ChildProcess): void {
  proxy.on('message', (message: { type?: string } | undefined, socket?: Socket) => {
    if (message?.type !== 'harbor:handoff' || !socket) return;
    if (registry.connected) registry.send(message, socket, (err) => err && socket.destroy());
    else socket.destroy();
  });
  proxy.send('harbor:handoff-enabled');
}

/** Creates the project the /v2 fixtures push into, as an admin would through the API. */
async function createBenchProject(baseUrl: string): Promise<void> {
  const client = new HttpClient(baseUrl, 1);
  try {
    const body = Buffer.from(JSON.stringify({ project_name: BENCH_PROJECT, metadata: { public: 'false' } }));
    const headers = { authorization: basicHeader(ADMIN), 'content-type': 'application/json', 'content-length': body.length };
    expectStatus(await client.request('/api/v2.0/projects', { method: 'POST', headers, body }), 'POST', '/api/v2.0/projects', 201);
  } finally {
    client.close();
  }
}

export async function launchStack(label: string, dir: string, opts: LaunchOptions): Promise<RunningRegistry> {
  mkdirSync(dir, { recursive: true });
  const ports: Ports = { http: await freePort(), core: await freePort(), registry: await freePort() };
  const names = stackNames(path.basename(dir));
  const configFile = path.join(dir, 'harbor.yml');
  writeFileSync(configFile, stackConfig(dir, ports, names));
  registerLeftovers(names.database, names.redisPrefix);
  const mains = opts.stackMains;
  const services: [string, string[]][] = [
    ['core', [mains.core]],
    ['registry', [...REGISTRY_NODE_FLAGS, mains.registry]],
    ['proxy', [mains.proxy]],
  ];
  const logFiles = services.map(([name]) => path.join(dir, `${name}.log`));
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of [...children].reverse()) await stopChild(child);
    removeStackData(names.database, names.redisPrefix);
  };
  try {
    for (const [i, [name, args]] of services.entries()) children.push(await startService(`${label}'s ${name}`, [...args, '--config', configFile], logFiles[i]));
    relayHandoffs(children[2], children[1]);
    const baseUrl = `http://127.0.0.1:${ports.http}`;
    await createBenchProject(baseUrl);
    const roots = children.map((c) => c.pid ?? 0);
    const processes = { roots, helpers: () => backendPids(names.database) };
    const partNames = [...services.map(([name]) => name), 'postgres'];
    return { label, kind: 'stack', processes, partNames, baseUrl, logFiles, credentials: ADMIN, database: names.database, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw new Error(`${label} did not start: ${(error as Error).message}`);
  }
}
