import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';
import { metricsHandler } from './exposition';
import { snapshotGauge } from './snapshot-gauge';
import { promtoolCheck } from './testing/promtool';

describe('HttpMetrics on a real server', () => {
  let server: Server;
  let base: string;
  const registry = new Registry();
  const metrics = new HttpMetrics(registry, 'demo');
  let project = { value: 1 };

  beforeAll(async () => {
    snapshotGauge(registry, 'harbor_demo_projects', 'Projects now', ['public'] as const, async () => [{ labels: { public: 'true' }, value: project.value }]);
    const scrape = metricsHandler(registry);
    server = createServer((req, res) => {
      if (req.url === '/metrics') return scrape(req, res);
      metrics.track(req, res, () => (req.url === '/slow' ? 'slow' : 'other'));
      if (req.url === '/slow') setTimeout(() => res.end('done'), 30);
      else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((ok) => server.close(ok)));

  it('counts requests by method, code and operation, times them, and passes promtool', async () => {
    await fetch(`${base}/slow`).then((r) => r.text());
    await fetch(`${base}/slow`).then((r) => r.text());
    await fetch(`${base}/nothing`, { method: 'POST' }).then((r) => r.text());
    const res = await fetch(`${base}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('harbor_demo_http_request_total{method="GET",code="200",operation="slow"} 2');
    expect(text).toContain('harbor_demo_http_request_total{method="POST",code="404",operation="other"} 1');
    expect(text).toContain('harbor_demo_http_inflight_requests 0');
    expect(text).toContain('# TYPE harbor_demo_http_request_duration_seconds summary');
    const sum = /harbor_demo_http_request_duration_seconds_sum\{method="GET",operation="slow"\} ([0-9.e-]+)/.exec(text);
    expect(Number(sum?.[1])).toBeGreaterThanOrEqual(0.05);
    expect(await promtoolCheck(text)).toEqual({ code: 0, output: '' });
  });

  it('counts a request as in flight until its response closes', async () => {
    const pending = fetch(`${base}/slow`).then((r) => r.text());
    await new Promise((ok) => setTimeout(ok, 10));
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('harbor_demo_http_inflight_requests 1');
    await pending;
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('harbor_demo_http_inflight_requests 0');
  });

  it('replaces a snapshot gauge on every scrape', async () => {
    project = { value: 7 };
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('harbor_demo_projects{public="true"} 7');
  });
});
