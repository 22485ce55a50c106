// Our GC (registryctl + the GARBAGE_COLLECTION handler over PostgreSQL) against distribution's
// offline `docker-registry garbage-collect`, on copies of the same storage tree.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Pool } from 'pg';
import pino from 'pino';
import type { QueryRunner } from 'typeorm';
import { InitialSchema1700000000000 } from '../../../../apps/core/src/db/migrations/1700000000000-initial-schema';
import { createGcHandler, RegistryctlClient } from '../../../../apps/jobservice/src/jobs/gc';
import { childEnv, freePort, logTail, stopChild, track } from '../launch';
import { PG, psql, registerLeftovers, removeStackData, stackNames } from '../stack-db';
import { planContent, writeRows, writeStorage, type GcContent } from './gc-content';

export interface GcBenchOptions {
  readonly registryctlMain: string;
  readonly dockerBin: string;
  readonly workDir: string;
  readonly artifacts: number;
  readonly workers: number;
  readonly log: (line: string) => void;
}

export interface GcBenchResult {
  readonly artifacts: number;
  readonly blobs: number;
  readonly garbage: number;
  readonly oursMs: number;
  readonly dockerMs: number;
  readonly workers: number;
}

const READY_TIMEOUT_MS = 30_000;

export async function runGcBench(o: GcBenchOptions): Promise<GcBenchResult> {
  const content = planContent({ artifacts: o.artifacts, repositories: Math.max(1, Math.round(o.artifacts / 100)), garbageShare: 0.25 });
  const oursDir = path.join(o.workDir, 'gc-ours');
  const dockerDir = path.join(o.workDir, 'gc-docker');
  const oursRoot = path.join(oursDir, 'data', 'registry');
  let started = Date.now();
  await writeStorage(oursRoot, content);
  mkdirSync(dockerDir, { recursive: true });
  execFileSync('cp', ['-a', path.join(oursDir, 'data'), path.join(dockerDir, 'data')]);
  o.log(`gc: wrote ${content.blobCount} blobs of ${o.artifacts} artifacts (twice) in ${Date.now() - started} ms`);
  const { database, redisPrefix } = stackNames(path.basename(o.workDir) + '_gc');
  registerLeftovers(database, redisPrefix);
  try {
    started = Date.now();
    await createDatabase(database, content);
    o.log(`gc: database ${database} ready in ${Date.now() - started} ms`);
    const oursMs = await timeOurs(o, oursDir, database);
    o.log(`gc: ours took ${oursMs} ms`);
    const dockerMs = timeDocker(o, dockerDir);
    o.log(`gc: docker-registry garbage-collect took ${dockerMs} ms`);
    verify(content, path.join(oursRoot), path.join(dockerDir, 'data', 'registry'));
    return { artifacts: o.artifacts, blobs: content.blobCount, garbage: content.garbage.size, oursMs, dockerMs, workers: o.workers };
  } finally {
    removeStackData(database, redisPrefix);
  }
}

async function createDatabase(database: string, content: GcContent): Promise<void> {
  psql('postgres', `CREATE DATABASE "${database}"`);
  const db = new Client({ host: PG.host, port: PG.port, user: PG.user, database });
  await db.connect();
  try {
    // Core's first migration holds every table GC reads; run through a minimal query runner.
    await new InitialSchema1700000000000().up({ query: (sql: string) => db.query(sql) } as unknown as QueryRunner);
    await writeRows(db, content);
  } finally {
    await db.end();
  }
}

async function timeOurs(o: GcBenchOptions, dir: string, database: string): Promise<number> {
  const secret = 'bench-internal-secret';
  mkdirSync(path.join(dir, 'data', 'secret', 'internal'), { recursive: true });
  writeFileSync(path.join(dir, 'data', 'secret', 'internal', 'secret'), secret);
  const port = await freePort();
  writeFileSync(path.join(dir, 'harbor.yml'), `hostname: 127.0.0.1\ndata_volume: ${path.join(dir, 'data')}\nlog:\n  level: error\nregistryctl:\n  bind: 127.0.0.1\n  port: ${port}\n`);
  const ctl = await startRegistryctl(o.registryctlMain, path.join(dir, 'harbor.yml'), path.join(dir, 'registryctl.log'));
  const db = new Pool({ host: PG.host, port: PG.port, user: PG.user, database, max: o.workers + 2 });
  try {
    const handler = createGcHandler({ db, registryctl: new RegistryctlClient(`http://127.0.0.1:${port}`, secret), log: pino({ level: 'silent' }), uploadPurgingAgeMs: 7 * 24 * 3_600_000 });
    const lines: string[] = [];
    const started = Date.now();
    const summary = await handler({
      type: 'GARBAGE_COLLECTION', executionId: 1, taskId: 1, attempt: 1, signal: new AbortController().signal,
      params: { delete_untagged: false, dry_run: false, workers: o.workers, time_window: 0 },
      log: (line) => void lines.push(line),
      progress: async () => undefined,
    });
    const elapsed = Date.now() - started;
    for (const line of lines.filter((l) => /^(mark|GC finished)/.test(l))) o.log(`gc: ours: ${line}`);
    if (!summary || summary.deleted_blobs === 0) throw new Error(`our GC deleted nothing: ${JSON.stringify(summary)}`);
    return elapsed;
  } finally {
    await db.end();
    await stopChild(ctl);
  }
}

function startRegistryctl(main: string, config: string, logFile: string): Promise<ChildProcess> {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [main, '--config', config], { env: childEnv(), stdio: ['ignore', log, log, 'ipc'] });
  closeSync(log);
  track(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('registryctl sent no ready')), READY_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${logTail(logFile)}`));
    };
    child.once('exit', (code) => fail(new Error(`registryctl exited (${code})`)));
    child.on('message', (m) => {
      if (m !== 'ready') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(child);
    });
  });
}

function timeDocker(o: GcBenchOptions, dir: string): number {
  const config = path.join(dir, 'config.yml');
  writeFileSync(config, `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'data', 'registry')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:0\n`);
  const started = Date.now();
  execFileSync(o.dockerBin, ['garbage-collect', config], { env: childEnv(), stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  return Date.now() - started;
}

/** Both collectors must leave exactly the blobs the remaining artifacts need. */
function verify(content: GcContent, oursRoot: string, dockerRoot: string): void {
  const expected = content.blobCount - content.garbage.size;
  for (const [who, root] of [['ours', oursRoot], ['docker-registry', dockerRoot]] as const) {
    const left = storedDigests(root);
    const wrongly = [...content.garbage].filter((d) => left.has(d)).length;
    if (left.size !== expected || wrongly > 0) throw new Error(`${who} left ${left.size} blobs (expected ${expected}, ${wrongly} of them garbage)`);
  }
}

function storedDigests(root: string): Set<string> {
  const found = new Set<string>();
  const blobs = path.join(root, 'docker', 'registry', 'v2', 'blobs', 'sha256');
  for (const prefix of readdirSync(blobs)) {
    for (const hex of readdirSync(path.join(blobs, prefix))) {
      if (readdirSync(path.join(blobs, prefix, hex)).includes('data')) found.add(`sha256:${hex}`);
    }
  }
  return found;
}
