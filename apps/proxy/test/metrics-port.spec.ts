import { loadConfig, proxyConfig } from '@harbor-ts/config';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promtoolCheck, sampleValue } from '../../../libs/metrics/src/testing/promtool';
import { startProxy, type RunningProxy } from './support/proxy';
import { freePort, startUpstream, type TestUpstream } from './support/upstream';

// metric.enabled: the proxy listens on metric.port and relays metric.path?comp=... to each
// component's internal metrics endpoint, as Harbor's nginx does.

const exposition = (name: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
  res.end(`# HELP ${name}_up Test series.\n# TYPE ${name}_up gauge\n${name}_up 1\n`);
};

describe('metric port', () => {
  const upstreams: Record<string, TestUpstream> = {};
  let proxy: RunningProxy;
  let metricsBase: string;

  beforeAll(async () => {
    for (const name of ['core', 'registry', 'jobservice', 'registryctl']) upstreams[name] = await startUpstream(name, exposition(name));
    const urls = { core: upstreams.core.url, registry: upstreams.registry.url, jobservice: upstreams.jobservice.url, registryctl: upstreams.registryctl.url };
    proxy = await startProxy({ upstreams: { core: urls.core, registry: urls.registry }, metrics: { port: 0, path: '/prom', upstreams: urls } });
    metricsBase = `http://127.0.0.1:${proxy.ports.metric}`;
  });
  afterAll(async () => {
    await proxy.stop();
    await Promise.all(Object.values(upstreams).map((u) => u.close()));
  });

  const get = async (path: string) => {
    const res = await fetch(`${metricsBase}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('listens on its own port besides the http port', () => {
    expect(proxy.ports.metric).toEqual(expect.any(Number));
    expect(proxy.ports.metric).not.toBe(proxy.ports.http);
  });

  it.each([
    ['core', 'core', '/metrics'],
    ['registry', 'registry', '/metrics'],
    ['jobservice', 'jobservice', '/metrics'],
    ['registryctl', 'registryctl', '/metrics'],
    ['exporter', 'core', '/exporter/metrics'],
  ])('relays comp=%s to %s %s', async (comp, upstream, path) => {
    const before = upstreams[upstream].received.length;
    const res = await get(`/prom?comp=${comp}`);
    expect(res).toEqual({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', text: expect.stringContaining(`${upstream}_up 1`) });
    expect(upstreams[upstream].received.slice(before).map((r) => r.url)).toEqual([path]);
  });

  it("serves the exporter's metrics without comp, as Harbor does", async () => {
    const before = upstreams.core.received.length;
    expect((await get('/prom')).text).toContain('core_up 1');
    expect(upstreams.core.received.slice(before).map((r) => r.url)).toEqual(['/exporter/metrics']);
  });

  it('refuses an unknown comp with 400 and says which exist', async () => {
    const res = await get('/prom?comp=portal');
    expect(res.status).toBe(400);
    expect(res.text).toBe('unknown comp "portal": use one of core, registry, jobservice, registryctl, exporter, proxy\n');
  });

  it('answers 404 off metric.path and 405 for writes', async () => {
    expect((await get('/metrics?comp=core')).status).toBe(404);
    expect((await get('/v2/')).status).toBe(404);
    expect((await fetch(`${metricsBase}/prom`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 502 when the component is down', async () => {
    const dead = await freePort();
    const down = await startProxy({
      upstreams: { core: upstreams.core.url, registry: upstreams.registry.url },
      metrics: { port: 0, path: '/metrics', upstreams: { core: upstreams.core.url, registry: upstreams.registry.url, jobservice: `http://127.0.0.1:${dead}`, registryctl: upstreams.registryctl.url } },
    });
    try {
      const res = await fetch(`http://127.0.0.1:${down.ports.metric}/metrics?comp=jobservice`);
      expect(res.status).toBe(502);
      expect(await res.text()).toBe('metrics endpoint unavailable: ECONNREFUSED\n');
    } finally {
      await down.stop();
    }
  });

  it("counts the proxy's own exchanges by upstream under comp=proxy", async () => {
    const first = await get('/prom?comp=proxy');
    const series = 'harbor_proxy_http_request_total{method="GET",code="200",operation="core"}';
    const before = sampleValue(first.text, series) ?? 0;
    await (await fetch(`${proxy.base}/api/v2.0/projects`)).text();
    await (await fetch(`${proxy.base}/nothing-here`)).text();
    const after = await get('/prom?comp=proxy');
    expect(after.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((sampleValue(after.text, series) ?? 0) - before).toBe(1);
    expect(sampleValue(after.text, 'harbor_proxy_http_request_total{method="GET",code="404",operation="proxy"}')).toBeGreaterThanOrEqual(1);
    expect(after.text).toContain('harbor_proxy_http_inflight_requests 0');
    expect(await promtoolCheck(after.text)).toEqual({ code: 0, output: '' });
  });
});

describe('metric.enabled from harbor.yml', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'proxy-metric-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** The proxy as main.ts builds it from harbor.yml, with its http port on 0. */
  async function proxyFrom(yaml: string): Promise<RunningProxy> {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.yml`);
    await writeFile(file, yaml);
    const config = proxyConfig(loadConfig({ file, env: {}, argv: [] }).config);
    return startProxy({ ...config, http: { port: 0 } });
  }
  const connect = (port: number) =>
    new Promise<string>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve('connected');
      });
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });

  it('listens on metric.port when enabled and not when disabled', async () => {
    const port = await freePort();
    const on = await proxyFrom(`hostname: h\nmetric:\n  enabled: true\n  port: ${port}\n`);
    try {
      expect(on.ports.metric).toBe(port);
      expect(await connect(port)).toBe('connected');
    } finally {
      await on.stop();
    }
    const off = await proxyFrom(`hostname: h\nmetric:\n  enabled: false\n  port: ${port}\n`);
    try {
      expect(off.ports.metric).toBeUndefined();
      expect(await connect(port)).toBe('ECONNREFUSED');
    } finally {
      await off.stop();
    }
  });
});
