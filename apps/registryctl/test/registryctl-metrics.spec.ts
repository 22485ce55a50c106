import { promtoolCheck, sampleValue } from '../../../libs/metrics/src/testing/promtool';
import { startTestRegistryctl, type TestRegistryctl } from './support/test-registryctl';

// registryctl with metric.enabled: its requests counted by route template on GET /metrics.

let ctl: TestRegistryctl;
afterEach(() => ctl.stop());

const scrape = async () => (await fetch(`${ctl.url}/metrics`)).text();
const blobDeletes = (text: string, code: string) =>
  sampleValue(text, `harbor_registryctl_http_request_total{method="DELETE",code="${code}",operation="/api/registry/blob/:digest"}`) ?? 0;

it('counts requests by route template and code, open to the scraper, valid for promtool', async () => {
  ctl = await startTestRegistryctl({ metrics: true });
  const before = await scrape();
  expect(await promtoolCheck(before)).toEqual({ code: 0, output: '' });
  const auth = { authorization: `Harbor-Secret ${ctl.secret}` };
  const missing = `sha256:${'0'.repeat(64)}`;
  const res = await fetch(`${ctl.url}/api/registry/blob/${missing}`, { method: 'DELETE', headers: auth });
  await res.text();
  const denied = await fetch(`${ctl.url}/api/registry/blob/${missing}`, { method: 'DELETE' });
  await denied.text();
  expect(denied.status).toBe(401);
  const after = await scrape();
  expect(blobDeletes(after, String(res.status)) - blobDeletes(before, String(res.status))).toBe(1);
  // Refused by the secret check before any route matched: Harbor's "unknown" operation.
  expect(sampleValue(after, 'harbor_registryctl_http_request_total{method="DELETE",code="401",operation="unknown"}')).toBe(1);
  expect(after).toContain('# TYPE harbor_registryctl_http_request_duration_seconds summary');
  expect(sampleValue(after, 'harbor_registryctl_http_inflight_requests')).toBe(1); // the scrape itself
});

it('has no /metrics when metrics are off', async () => {
  ctl = await startTestRegistryctl();
  const res = await fetch(`${ctl.url}/metrics`);
  await res.text();
  expect(res.status).toBe(401); // behind the secret like every other unknown path
});
