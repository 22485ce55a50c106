import pino from 'pino';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { createProxy, type HarborProxy } from '../../../proxy/src/proxy';
import { startTestRegistryctl, type TestRegistryctl } from '../../../registryctl/test/support/test-registryctl';
import { createProject } from '../integration/projects.fixtures';
import { ApiClient } from '../support/api-client';
import { type PrometheusSample, startPrometheus, type TestPrometheus } from '../support/prometheus';
import { startTestJobService, type TestJobService } from '../support/test-jobservice';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';

// End to end: Debian's prometheus scrapes the proxy's metric port for several `comp` values
// (as Harbor's documentation tells operators to), and its HTTP API returns the series.

jest.setTimeout(120_000);

let ctl: TestRegistryctl;
let stack: TestStack;
let jobs: TestJobService;
let proxy: HarborProxy;
let prometheus: TestPrometheus | undefined;
let metricHost: string;
let projectName: string;

beforeAll(async () => {
  ctl = await startTestRegistryctl({ metrics: true });
  stack = await startTestStack({ core: (c) => ({ ...c, metricsEnabled: true, registryctlUrl: ctl.url }) });
  jobs = await startTestJobService(stack, { handlers: new HandlerRegistry(), metrics: true });
  const upstreams = { core: stack.url, registry: stack.registry.url, jobservice: jobs.url, registryctl: ctl.url };
  proxy = createProxy(
    { http: { port: 0 }, upstreams: { core: stack.url, registry: stack.registry.url }, metrics: { port: 0, path: '/metrics', upstreams }, log: { level: 'error' } },
    pino({ level: 'silent' }),
  );
  const ports = await proxy.start();
  metricHost = `127.0.0.1:${ports.metric}`;
  projectName = (await createProject(new ApiClient(`http://127.0.0.1:${ports.http}`).as(ADMIN), { public: true })).name;
  const job = (name: string, comp?: string) => ({ name, target: metricHost, path: '/metrics', ...(comp ? { params: { comp } } : {}) });
  prometheus = await startPrometheus([
    job('harbor-exporter'),
    job('harbor-core', 'core'),
    job('harbor-registry', 'registry'),
    job('harbor-jobservice', 'jobservice'),
    job('harbor-registryctl', 'registryctl'),
    job('harbor-proxy', 'proxy'),
  ]);
}, 90_000);

afterAll(async () => {
  await prometheus?.stop();
  await proxy?.close(100);
  await jobs?.stop();
  await stack?.stop();
  await ctl?.stop();
}, 60_000);

const byJob = (samples: PrometheusSample[]) => Object.fromEntries(samples.map((s) => [s.metric.job, s.value[1]]));

it('sees every component up through the one metric port', async () => {
  const up = await prometheus!.until('up', (s) => s.length === 6 && s.every((x) => x.value[1] === '1'));
  expect(byJob(up)).toEqual({
    'harbor-exporter': '1',
    'harbor-core': '1',
    'harbor-registry': '1',
    'harbor-jobservice': '1',
    'harbor-registryctl': '1',
    'harbor-proxy': '1',
  });
  expect(new Set(up.map((s) => s.metric.instance))).toEqual(new Set([metricHost]));
});

it("stores Harbor's series from each component", async () => {
  const projects = await prometheus!.until('harbor_project_total{public="true"}', (s) => s.length === 1 && Number(s[0].value[1]) >= 1);
  expect(projects[0].metric).toMatchObject({ job: 'harbor-exporter', public: 'true' });
  const repos = await prometheus!.until(`harbor_project_repo_total{project_name="${projectName}"}`, (s) => s.length === 1);
  expect(repos[0]).toMatchObject({ metric: { public: 'true' }, value: [expect.any(Number), '0'] });
  const components = await prometheus!.until('harbor_up', (s) => s.length === 6);
  expect(Object.fromEntries(components.map((s) => [s.metric.component, s.value[1]]))).toEqual({
    core: '1', database: '1', redis: '1', registry: '1', jobservice: '1', registryctl: '1',
  });
  const core = await prometheus!.until('harbor_core_http_request_total{operation="/api/v2.0/projects",method="POST"}', (s) => s.length === 1);
  expect(core[0].metric).toMatchObject({ job: 'harbor-core', code: '201' });
  await prometheus!.until('registry_http_requests_total', (s) => s.length > 0 && s.every((x) => x.metric.job === 'harbor-registry'));
  const pools = await prometheus!.until('harbor_jobservice_info', (s) => s.length === 1);
  expect(pools[0].metric).toMatchObject({ job: 'harbor-jobservice', workers: '2' });
  await prometheus!.until('harbor_registryctl_http_request_total{operation="/metrics"}', (s) => s.length === 1);
  const proxied = await prometheus!.until('harbor_proxy_http_request_total{operation="core",method="POST"}', (s) => s.length === 1);
  expect(proxied[0].metric).toMatchObject({ job: 'harbor-proxy', code: '201' });
});

it('stores each component\'s process figures, unprefixed as Harbor\'s are', async () => {
  const components = ['harbor-core', 'harbor-jobservice', 'harbor-registryctl', 'harbor-proxy'];
  const hasAll = (s: PrometheusSample[]) => components.every((job) => s.some((x) => x.metric.job === job));
  for (const series of ['process_resident_memory_bytes', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds']) {
    const samples = await prometheus!.until(series, hasAll);
    for (const job of components) {
      const value = Number(samples.find((x) => x.metric.job === job)?.value[1]);
      if (series === 'nodejs_eventloop_lag_seconds') expect(value).toBeGreaterThanOrEqual(0);
      else expect(value).toBeGreaterThan(0);
    }
  }
});
