import { portalConfig, proxyConfig } from '@harbor-ts/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderChart } from '../src/chart/render';
import { all, CHART_DIR, container, get, HA_VALUES, render, selects, serviceConfig, workload } from './chart';

// The web portal (portal-api) with the default values and with values-ha.yaml: its pods, its
// Service, and the proxy sending it every path that is not core's or the registry's.

jest.setTimeout(30_000); // every render makes RSA keys with openssl

type PortalValues = { replicas: number; resources: object };
const valuesIn = (file: string) => (parse(readFileSync(file, 'utf8')) as { portal?: Partial<PortalValues> }).portal ?? {};
const defaults = valuesIn(join(CHART_DIR, 'values.yaml')) as PortalValues;

describe.each([
  ['the default values', () => render(), defaults],
  ['values-ha.yaml', () => renderChart(CHART_DIR, { valuesFiles: [HA_VALUES] }), { ...defaults, ...valuesIn(HA_VALUES) }],
])('the portal with %s', (_label, renderIt, values) => {
  const chart = renderIt();
  const pods = workload(chart, 'harbor-portal');
  const portal = container(pods, 'portal');

  it('runs the portal-api image on the shared harbor.yml, as many replicas as portal.replicas says', () => {
    expect(portal.image).toBe('harbor-ts/harbor-ts-portal-api:0.1.0');
    expect(portal.command).toEqual(['node', '/app/main.js', '--config', '/etc/harbor/harbor.yml']);
    expect((pods.object.spec as { replicas: number }).replicas).toBe(values.replicas);
    expect(values.replicas).toBeGreaterThan(0);
  });

  it('probes /health on the port it listens on, and carries the resources from the values', () => {
    expect(portal.ports).toEqual([{ name: 'http', containerPort: 8580 }]);
    for (const probe of [portal.livenessProbe, portal.readinessProbe]) expect(probe?.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(portal.resources).toEqual(values.resources);
    expect(portal.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
  });

  it('gets no secret variables and no Secret volume: it serves files only', () => {
    expect(portal.env).toBeUndefined();
    expect(pods.pod.volumes?.filter((v) => v.secret)).toEqual([]);
    expect(portalConfig(serviceConfig(chart, 'harbor-portal', 'portal')).listen).toEqual({ host: '0.0.0.0', port: 8580 });
  });

  it('is what the proxy sends the portal\'s paths to, through a Service that selects its pods', () => {
    const service = get(chart, 'Service', 'harbor-portal').spec as { selector: Record<string, string>; ports: { port: number; targetPort: string }[] };
    expect(selects(service.selector, pods.podLabels)).toBe(true);
    expect(service.ports.map((p) => [p.port, p.targetPort])).toEqual([[8580, 'http']]);
    expect(proxyConfig(serviceConfig(chart, 'harbor-proxy', 'proxy')).upstreams.portal).toBe(`http://harbor-portal:${service.ports[0].port}`);
  });

  it('keeps one pod through node drains exactly when it is replicated', () => {
    const budget = all(chart, 'PodDisruptionBudget').find((b) => b.metadata.name === 'harbor-portal');
    expect(budget !== undefined).toBe(values.replicas > 1);
    if (budget) expect(selects((budget.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels, pods.podLabels)).toBe(true);
  });
});
