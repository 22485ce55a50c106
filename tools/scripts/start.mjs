// `npm start`: runs the stack in the foreground from one harbor.yml (deploy/local/harbor.yml by
// default, data under ./data): the log collector, then core (it migrates the database and writes the token key
// the registry verifies with and the internal secret), then the registry, registryctl,
// jobservice and the web portal's server, then the proxy on http.port.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
// Usage: start.mjs [harbor.yml] [--dist <dir>]; --dist lets tests run freshly bundled services.
const args = process.argv.slice(2);
const distAt = args.indexOf('--dist');
const dist = distAt >= 0 ? args.splice(distAt, 2)[1] : join(root, 'dist');
const config = args[0] ?? join(root, 'deploy', 'local', 'harbor.yml');
const registryFlags = JSON.parse(readFileSync(join(root, 'apps', 'registry', 'node-flags.json'), 'utf8')).flags;

// Each service sends 'ready' over the IPC channel once it listens, whatever the log level.
const SERVICES = [
  { name: 'log-collector', flags: [] }, // first, so every other service can ship its logs from the start
  { name: 'core', flags: [] },
  { name: 'registry', flags: registryFlags },
  { name: 'registryctl', flags: [] },
  { name: 'jobservice', flags: [] },
  { name: 'portal-api', flags: [] },
  { name: 'proxy', flags: [] },
];

const children = [];
const byName = new Map();
let stopping = false;

// Connection handoff (apps/proxy/src/handoff.ts): the proxy sends a blob download's client
// socket up here and it goes on to the registry, so those bytes skip the proxy process.
const HANDOFF = 'harbor:handoff';
const HANDOFF_ENABLED = 'harbor:handoff-enabled';

function relayHandoffs(proxy, registry) {
  proxy.on('message', (message, socket) => {
    if (message?.type !== HANDOFF || !socket) return;
    if (registry.connected) registry.send(message, socket, (err) => err && socket.destroy());
    else socket.destroy();
  });
  proxy.send(HANDOFF_ENABLED);
}

function start({ name, flags }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, join(dist, 'apps', name, 'main.js'), '--config', config], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    byName.set(name, child);
    let started = false;
    child.on('message', (message) => {
      if (message === 'ready' && !started) {
        started = true;
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      if (!started) reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
      else if (!stopping) stopAll(`${name} exited (code ${code}, signal ${signal})`, code || 1);
    });
  });
}

function stopAll(reason, code = 0) {
  if (stopping) return;
  stopping = true;
  if (reason) console.error(`stack: ${reason}; stopping`);
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(() => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll());

try {
  for (const service of SERVICES) await start(service);
  relayHandoffs(byName.get('proxy'), byName.get('registry'));
  console.error('stack: ready on the proxy port (admin / Harbor12345 on first start)');
} catch (err) {
  stopAll(err.message, 1);
}
