import { spawn } from 'node:child_process';
import { freeLoopbackPort } from '../../../apps/registry/test/support/free-port';
import { appOf, type ComposeService, environmentOf, parseVolume } from './compose';

// A compose service run as a process on this machine: its environment and command exactly as
// compose gives them, with three translations a container network does for free: service
// names become 127.0.0.1, container paths become the host paths mounted there, and the fixed
// internal ports become free ones (so tests never collide).

export interface Translation {
  /** compose service names, reached on loopback here. */
  hosts: Set<string>;
  /** fixed internal port -> the free port used instead. */
  ports: Map<number, number>;
}

export async function translationFor(services: Record<string, ComposeService>, portKeys: RegExp): Promise<Translation> {
  const ports = new Map<number, number>();
  for (const service of Object.values(services)) {
    for (const [key, value] of Object.entries(environmentOf(service))) {
      if (portKeys.test(key) && !ports.has(Number(value))) ports.set(Number(value), await freeLoopbackPort());
    }
  }
  return { hosts: new Set(Object.keys(services)), ports };
}

/** The host path a container path is mounted from, when some volume covers it. */
export function hostPath(service: ComposeService, path: string): string | undefined {
  for (const { host, container } of (service.volumes ?? []).map(parseVolume)) {
    if (path === container || path.startsWith(`${container}/`)) return host + path.slice(container.length);
    // A parent of mounted directories (data_volume itself): /data when /data/secret is host/secret.
    const rest = container.slice(path.length);
    if (container.startsWith(`${path}/`) && host.endsWith(rest)) return host.slice(0, host.length - rest.length);
  }
  return undefined;
}

export function processEnvironment(service: ComposeService, t: Translation, portKeys: RegExp): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(environmentOf(service))) {
    if (portKeys.test(key)) env[key] = String(t.ports.get(Number(value)));
    else if (value === '0.0.0.0') env[key] = '127.0.0.1';
    else env[key] = translateHost(value, t) ?? (value.startsWith('/') ? hostPath(service, value) : undefined) ?? value;
  }
  return env;
}

function translateHost(value: string, t: Translation): string | undefined {
  const [host, port] = value.split(':');
  if (!t.hosts.has(host)) return undefined;
  return port === undefined ? '127.0.0.1' : `127.0.0.1:${t.ports.get(Number(port)) ?? port}`;
}

/** The service's health check command with its ports translated, as argv for spawn. */
export function healthCommand(service: ComposeService, t: Translation): string[] {
  const [kind, ...argv] = service.healthcheck!.test;
  if (kind !== 'CMD') throw new Error(`unexpected health check form ${kind}`);
  return argv.map((arg) => arg.replace(/127\.0\.0\.1:(\d+)/g, (all, p: string) => (t.ports.has(Number(p)) ? `127.0.0.1:${t.ports.get(Number(p))}` : all)));
}

/** Exit code of one health check run. */
export function runHealthCheck(argv: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(argv[0] === 'node' ? process.execPath : argv[0], argv.slice(1), { stdio: 'ignore' });
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });
}

/** Services ordered so that each comes after what it depends on. */
export function startOrder(services: Record<string, ComposeService>): string[] {
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    for (const dep of Object.keys(services[name].depends_on ?? {})) visit(dep);
    order.push(name);
  };
  Object.keys(services).sort().forEach(visit);
  return order.filter((name) => appOf(services[name]) !== undefined);
}
