import { promtoolCheck, sampleValue } from '../../../../libs/metrics/src/testing/promtool';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { startTestRegistryctl, type TestRegistryctl } from '../../../registryctl/test/support/test-registryctl';
import { JobLauncher } from '../../src/jobs/job-launcher';
import { EXPORTER_CACHE_MS } from '../../src/metrics/exporter/exporter-registry';
import { PullRecorder } from '../../src/v2/pull-recorder';
import { ApiClient, basicAuth } from '../support/api-client';
import { startTestJobService, type TestJobService } from '../support/test-jobservice';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { pushImage } from './artifacts-fixtures';
import { createProject } from './projects.fixtures';

// metric.enabled in core: harbor_core_http_* on GET /metrics and the exporter's metrics on
// GET /exporter/metrics, against the real database, Redis, registry, jobservice and registryctl.

let ctl: TestRegistryctl;
let stack: TestStack;
let jobs: TestJobService;
let admin: ApiClient;

beforeAll(async () => {
  ctl = await startTestRegistryctl();
  stack = await startTestStack({ core: (c) => ({ ...c, metricsEnabled: true, registryctlUrl: ctl.url }) });
  jobs = await startTestJobService(stack, { handlers: new HandlerRegistry().register('GARBAGE_COLLECTION', async () => ({})) });
  admin = new ApiClient(stack.url).as(ADMIN);
});
afterAll(async () => {
  await jobs.stop();
  await stack.stop();
  await ctl.stop();
});

async function scrape(path: string): Promise<string> {
  const res = await fetch(`${stack.url}${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}
/** Harbor names these gauges "_total"; promtool's lint prefers that suffix on counters only. */
const HARBOR_TOTAL_GAUGE =
  /^harbor_(project_total|project_repo_total|project_member_total|project_artifact_total|task_scheduled_total) non-counter metrics should not have "_total" suffix$/;
/** The exporter caches a reading for EXPORTER_CACHE_MS: wait it out to see a change. */
const afterCache = () => new Promise((ok) => setTimeout(ok, EXPORTER_CACHE_MS + 100));

describe('core /metrics', () => {
  const projectsList = 'harbor_core_http_request_total{method="GET",code="200",operation="/api/v2.0/projects"}';

  it('counts REST requests by route template and /v2 requests by Harbor operation', async () => {
    const before = await scrape('/metrics');
    expect((await admin.get('/api/v2.0/projects')).status).toBe(200);
    expect((await admin.get('/api/v2.0/projects?page=2')).status).toBe(200);
    expect((await fetch(`${stack.url}/v2/`)).status).toBe(401);
    const after = await scrape('/metrics');
    expect((sampleValue(after, projectsList) ?? 0) - (sampleValue(before, projectsList) ?? 0)).toBe(2);
    expect(sampleValue(after, 'harbor_core_http_request_total{method="GET",code="401",operation="v2_others"}')).toBe(1);
    expect(sampleValue(after, 'harbor_core_http_request_duration_seconds_count{method="GET",operation="/api/v2.0/projects"}')).toBeGreaterThanOrEqual(2);
    expect(sampleValue(after, 'harbor_core_http_inflight_requests')).toBe(1); // this scrape
    expect(await promtoolCheck(after)).toEqual({ code: 0, output: '' });
  });

  it('labels manifest and blob traffic v2_manifest, v2_blob_upload and unknown paths "unknown"', async () => {
    const { name } = await createProject(admin);
    await pushImage(stack.url, `${name}/labels`, 'v1');
    await (await fetch(`${stack.url}/nowhere`)).text();
    const text = await scrape('/metrics');
    expect(sampleValue(text, 'harbor_core_http_request_total{method="PUT",code="201",operation="v2_manifest"}')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'harbor_core_http_request_total{method="POST",code="201",operation="v2_blob_upload"}')).toBeGreaterThanOrEqual(2);
    expect(sampleValue(text, 'harbor_core_http_request_total{method="GET",code="404",operation="unknown"}')).toBeGreaterThanOrEqual(1);
  });
});

describe('core /exporter/metrics', () => {
  it('reports projects created through the API, and the count moves with the next one', async () => {
    const count = async () => Number((await stack.core.deps.db.query(`SELECT count(*)::int AS n FROM project`))[0].n);
    const first = await createProject(admin, { public: false });
    await afterCache();
    const before = await scrape('/exporter/metrics');
    const total = (text: string, pub: string) => sampleValue(text, `harbor_project_total{public="${pub}"}`) ?? NaN;
    expect(total(before, 'false') + total(before, 'true')).toBe(await count());
    expect(sampleValue(before, `harbor_project_member_total{project_name="${first.name}"}`)).toBe(1);
    expect(sampleValue(before, `harbor_project_quota_byte{project_name="${first.name}"}`)).toBe(-1);
    expect(sampleValue(before, `harbor_project_repo_total{project_name="${first.name}",public="false"}`)).toBe(0);

    await createProject(admin, { public: true });
    await afterCache();
    const after = await scrape('/exporter/metrics');
    expect(total(after, 'true') - total(before, 'true')).toBe(1);
    expect(total(after, 'false')).toBe(total(before, 'false'));
    expect(sampleValue(after, 'harbor_statistics_total_project_amount')).toBe(await count());
    // The text parses; promtool's only complaint is a style rule Harbor's own gauge names break.
    const lint = await promtoolCheck(after);
    expect(lint.code).toBe(3);
    const problems = lint.output.trim().split('\n');
    expect(problems.filter((p) => !HARBOR_TOTAL_GAUGE.test(p))).toEqual([]);
    expect(problems.length).toBeGreaterThanOrEqual(4);
  });

  it('reports pulls once recorded, with repository, artifact and quota usage figures', async () => {
    const { id, name } = await createProject(admin);
    const pushed = await pushImage(stack.url, `${name}/app`, 'v1');
    const pull = await fetch(`${stack.url}/v2/${name}/app/manifests/v1`, { headers: { authorization: basicAuth(ADMIN), accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(pull.status).toBe(200);
    await pull.arrayBuffer();
    await stack.core.app.get(PullRecorder).flush();
    await afterCache();
    const text = await scrape('/exporter/metrics');
    expect(sampleValue(text, `harbor_artifact_pulled{project_name="${name}"}`)).toBe(1);
    expect(sampleValue(text, `harbor_project_repo_total{project_name="${name}",public="false"}`)).toBe(1);
    expect(sampleValue(text, `harbor_project_artifact_total{project_name="${name}",public="false",artifact_type="IMAGE"}`)).toBe(1);
    const [quota] = await stack.core.deps.db.query(`SELECT used_storage FROM quota WHERE reference = 'project' AND reference_id = $1`, [String(id)]);
    expect(Number(quota.used_storage)).toBeGreaterThanOrEqual(pushed.size - 1024); // the layer and config at least
    expect(sampleValue(text, `harbor_project_quota_usage_byte{project_name="${name}"}`)).toBe(Number(quota.used_storage));
  });

  it('reports every component up, the system info and waiting tasks per queue', async () => {
    expect((await admin.put('/api/v2.0/jobservice/queues/garbage_collection', { action: 'pause' })).status).toBe(200);
    try {
      await stack.core.app.get(JobLauncher).launch('GARBAGE_COLLECTION', { trigger: 'MANUAL', params: {} });
      await afterCache();
      const text = await scrape('/exporter/metrics');
      for (const component of ['core', 'database', 'redis', 'registry', 'jobservice', 'registryctl']) {
        expect([component, sampleValue(text, `harbor_up{component="${component}"}`)]).toEqual([component, 1]);
      }
      expect(sampleValue(text, 'harbor_health')).toBe(1);
      expect(text).toMatch(/^harbor_system_info\{auth_mode="db_auth",harbor_version="[^"]+",self_registration="false"\} 1$/m);
      expect(sampleValue(text, 'harbor_task_queue_size{type="GARBAGE_COLLECTION"}')).toBe(1);
      expect(sampleValue(text, 'harbor_task_queue_size{type="RETENTION"}')).toBe(0);
      expect(sampleValue(text, 'harbor_task_queue_latency{type="GARBAGE_COLLECTION"}')).toBeGreaterThanOrEqual(0);
      expect(sampleValue(text, 'harbor_task_scheduled_total')).toBe(Number((await stack.core.deps.db.query(`SELECT count(*)::int AS n FROM schedule`))[0].n));
    } finally {
      await admin.put('/api/v2.0/jobservice/queues/all', { action: 'resume' });
    }
  });

  it('reports a stopped component as down and keeps the other figures', async () => {
    await ctl.stop();
    ctl = await startTestRegistryctl(); // restarted elsewhere; core still probes the old address
    await afterCache();
    const text = await scrape('/exporter/metrics');
    expect(sampleValue(text, 'harbor_up{component="registryctl"}')).toBe(0);
    expect(sampleValue(text, 'harbor_health')).toBe(0);
    expect(sampleValue(text, 'harbor_up{component="core"}')).toBe(1);
    expect(sampleValue(text, 'harbor_project_total{public="false"}')).toBeGreaterThanOrEqual(1);
  });
});

describe('metric.enabled false', () => {
  it('serves neither endpoint', async () => {
    const plain = await startTestStack();
    try {
      for (const path of ['/metrics', '/exporter/metrics']) expect((await fetch(`${plain.url}${path}`)).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
