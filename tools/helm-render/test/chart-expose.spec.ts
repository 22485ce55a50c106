import { proxyConfig } from '@harbor-ts/config';
import { X509Certificate } from 'node:crypto';
import { all, container, find, get, render, resolvedEnv, secretFileAt, secretValue, selects, serviceConfig, workload } from './chart';

// expose.type and expose.tls: which Service type or Ingress each yields, and where TLS ends.

jest.setTimeout(30_000); // every render makes RSA keys with openssl

type ServiceSpec = { type: string; selector: Record<string, string>; loadBalancerIP?: string; loadBalancerSourceRanges?: string[]; ports: { name: string; port: number; targetPort: string; nodePort?: number }[] };
const spec = (chart: ReturnType<typeof render>, name: string) => get(chart, 'Service', name).spec as ServiceSpec;
const proxyPods = (chart: ReturnType<typeof render>) => workload(chart, 'harbor-proxy');

describe('expose.type=ingress (default)', () => {
  it('routes the host to the proxy Service, with TLS from a generated certificate for that host', () => {
    const chart = render({ expose: { ingress: { hosts: { core: 'registry.example.org' }, className: 'nginx' } } });
    const ingress = get(chart, 'Ingress', 'harbor').spec as {
      ingressClassName: string;
      tls: { hosts: string[]; secretName: string }[];
      rules: { host: string; http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] } }[];
    };
    expect(ingress.ingressClassName).toBe('nginx');
    expect(ingress.rules.map((r) => r.host)).toEqual(['registry.example.org']);
    const backend = ingress.rules[0].http.paths[0].backend.service;
    const service = spec(chart, backend.name);
    expect(service.type).toBe('ClusterIP');
    expect(service.ports.map((p) => p.name)).toContain(backend.port.name);
    expect(selects(service.selector, proxyPods(chart).podLabels)).toBe(true);
    expect(ingress.tls).toEqual([{ hosts: ['registry.example.org'], secretName: 'harbor-tls' }]);
    expect(new X509Certificate(secretValue(chart, 'harbor-tls', 'tls.crt') as string).subjectAltName).toBe('DNS:registry.example.org');
    // The ingress controller ends TLS; the proxy serves plain HTTP and loads no certificate.
    expect(container(proxyPods(chart), 'proxy').env).toBeUndefined();
    const annotations = get(chart, 'Ingress', 'harbor').metadata.annotations ?? {};
    for (const value of Object.values(annotations)) expect(typeof value).toBe('string');
  });

  it('uses the named Secret, or none at all, as expose.tls.certSource says', () => {
    const fromSecret = render({ expose: { tls: { certSource: 'secret', secret: { secretName: 'my-cert' } } } });
    expect((get(fromSecret, 'Ingress', 'harbor').spec as { tls: unknown[] }).tls).toEqual([{ hosts: ['core.harbor.domain'], secretName: 'my-cert' }]);
    expect(find(fromSecret, 'Secret', 'harbor-tls')).toBeUndefined();
    const none = render({ expose: { tls: { certSource: 'none' } } });
    expect((get(none, 'Ingress', 'harbor').spec as { tls: unknown[] }).tls).toEqual([{ hosts: ['core.harbor.domain'] }]);
    expect(() => render({ expose: { tls: { certSource: 'secret' } } })).toThrow(/needs expose.tls.secret.secretName/);
  });
});

describe('Service types', () => {
  it('clusterIP: a ClusterIP Service named by the values, http and https, no Ingress', () => {
    const chart = render({ expose: { type: 'clusterIP' } });
    expect(all(chart, 'Ingress')).toEqual([]);
    const s = spec(chart, 'harbor');
    expect(s.type).toBe('ClusterIP');
    expect(s.ports.map((p) => [p.port, p.targetPort])).toEqual([[80, 'http'], [443, 'https']]);
    expect(selects(s.selector, proxyPods(chart).podLabels)).toBe(true);
  });

  it('nodePort: the node ports from the values', () => {
    const chart = render({ expose: { type: 'nodePort', nodePort: { ports: { http: { nodePort: 31080 } } } } });
    const s = spec(chart, 'harbor');
    expect(s.type).toBe('NodePort');
    expect(s.ports.map((p) => [p.name, p.nodePort])).toEqual([['http', 31080], ['https', 30003]]);
  });

  it('loadBalancer: a LoadBalancer with the requested address and source ranges', () => {
    const chart = render({ expose: { type: 'loadBalancer', loadBalancer: { IP: '203.0.113.7', sourceRanges: ['10.0.0.0/8'], annotations: { 'lb.example/internal': 'true' } } } });
    const s = get(chart, 'Service', 'harbor');
    expect(s.metadata.annotations).toEqual({ 'lb.example/internal': 'true' });
    expect(s.spec).toMatchObject({ type: 'LoadBalancer', loadBalancerIP: '203.0.113.7', loadBalancerSourceRanges: ['10.0.0.0/8'] });
  });

  it('terminates TLS in the proxy for Service types, with the certificate files the Secret mounts', () => {
    const chart = render({ expose: { type: 'loadBalancer' } });
    const pods = proxyPods(chart);
    const proxy = container(pods, 'proxy');
    const env = resolvedEnv(chart, proxy);
    expect(env.HARBOR__HTTPS__PORT).toBe(String(proxy.ports?.find((p) => p.name === 'https')?.containerPort));
    expect(secretFileAt(pods, proxy, env.HARBOR__HTTPS__CERTIFICATE)).toEqual(['harbor-tls', 'tls.crt']);
    expect(secretFileAt(pods, proxy, env.HARBOR__HTTPS__PRIVATE_KEY)).toEqual(['harbor-tls', 'tls.key']);
    expect(new X509Certificate(secretValue(chart, 'harbor-tls', 'tls.crt') as string).subjectAltName).toBe('DNS:core.harbor.domain');
    // Only the proxy is told about https: the other services would look for the files at start.
    expect((container(workload(chart, 'harbor-core'), 'core').env ?? []).map((e) => e.name)).not.toContain('HARBOR__HTTPS__PORT');
  });

  it('serves plain HTTP only when expose.tls is off', () => {
    const chart = render({ expose: { type: 'nodePort', tls: { enabled: false } }, externalURL: 'http://harbor.local:30002' });
    expect(spec(chart, 'harbor').ports.map((p) => p.name)).toEqual(['http']);
    expect(container(proxyPods(chart), 'proxy').env).toBeUndefined();
    expect(find(chart, 'Secret', 'harbor-tls')).toBeUndefined();
    expect(proxyConfig(serviceConfig(chart, 'harbor-proxy', 'proxy')).publicUrl).toBe('http://harbor.local:30002');
  });

  it('refuses an unknown expose.type', () => {
    expect(() => render({ expose: { type: 'route' } })).toThrow(/expose.type must be ingress, clusterIP, nodePort or loadBalancer, not "route"/);
  });
});
