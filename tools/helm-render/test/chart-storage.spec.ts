import { coreConfig, jobserviceConfig, registryConfig } from '@harbor-ts/config';
import { all, clusterSecret, find, render, resolvedEnv, serviceConfig, container, workload } from './chart';

// Persistence, and the bundled versus external PostgreSQL and Redis.

jest.setTimeout(30_000); // every render makes RSA keys with openssl

type Claim = { metadata: { name: string }; spec: { accessModes: string[] } };

const claimTemplates = (chart: ReturnType<typeof render>, name: string) =>
  ((workload(chart, name).object.spec as { volumeClaimTemplates?: Claim[] }).volumeClaimTemplates ?? []).map((c) => c.metadata.name);
const volume = (chart: ReturnType<typeof render>, w: string, name: string) => workload(chart, w).pod.volumes?.find((v) => v.name === name);
const strategy = (chart: ReturnType<typeof render>, w: string) => (workload(chart, w).object.spec as { strategy: { type: string } }).strategy.type;

describe('persistence', () => {
  it('claims volumes for the registry, job logs, PostgreSQL and Redis when enabled (the default)', () => {
    const chart = render();
    expect(all(chart, 'PersistentVolumeClaim').map((c) => c.metadata.name).sort()).toEqual(['harbor-jobservice', 'harbor-registry']);
    expect(volume(chart, 'harbor-registry', 'storage')?.persistentVolumeClaim?.claimName).toBe('harbor-registry');
    expect(volume(chart, 'harbor-jobservice', 'job-logs')?.persistentVolumeClaim?.claimName).toBe('harbor-jobservice');
    expect(claimTemplates(chart, 'harbor-database')).toEqual(['database-data']);
    expect(claimTemplates(chart, 'harbor-redis')).toEqual(['redis-data']);
    // A ReadWriteOnce volume cannot be attached to a new pod on another node mid-rollout.
    expect([strategy(chart, 'harbor-registry'), strategy(chart, 'harbor-jobservice')]).toEqual(['Recreate', 'Recreate']);
    const registry = registryConfig(serviceConfig(chart, 'harbor-registry', 'registry'));
    const mounts = container(workload(chart, 'harbor-registry'), 'registry').volumeMounts ?? [];
    expect(mounts.find((m) => m.name === 'storage')?.mountPath).toBe(registry.storage.rootDirectory);
  });

  it('claims nothing with persistence off: every volume is an emptyDir', () => {
    const chart = render({ persistence: { enabled: false } });
    expect(all(chart, 'PersistentVolumeClaim')).toEqual([]);
    expect([claimTemplates(chart, 'harbor-database'), claimTemplates(chart, 'harbor-redis')]).toEqual([[], []]);
    for (const [w, v] of [['harbor-registry', 'storage'], ['harbor-jobservice', 'job-logs'], ['harbor-database', 'database-data'], ['harbor-redis', 'redis-data']]) {
      expect(volume(chart, w, v)?.emptyDir).toEqual({});
    }
  });

  it('uses an existing claim instead of creating one', () => {
    const chart = render({ persistence: { persistentVolumeClaim: { registry: { existingClaim: 'shared-nfs', accessMode: 'ReadWriteMany' }, database: { existingClaim: 'pg-data' } } } });
    expect(all(chart, 'PersistentVolumeClaim').map((c) => c.metadata.name)).toEqual(['harbor-jobservice']);
    expect(volume(chart, 'harbor-registry', 'storage')?.persistentVolumeClaim?.claimName).toBe('shared-nfs');
    expect(volume(chart, 'harbor-database', 'database-data')?.persistentVolumeClaim?.claimName).toBe('pg-data');
    expect(claimTemplates(chart, 'harbor-database')).toEqual([]);
    expect(strategy(chart, 'harbor-registry')).toBe('RollingUpdate');
  });

  it('refuses storage the registry cannot share or does not support', () => {
    expect(() => render({ registry: { replicas: 2 } })).toThrow(/registry.replicas > 1 needs storage every replica can mount/);
    expect(() => render({ registry: { replicas: 2 }, persistence: { enabled: false } })).toThrow(/needs shared storage/);
    expect(() => render({ jobservice: { replicas: 2 } })).toThrow(/jobservice.replicas > 1 with the FILE job logger/);
    expect(() => render({ persistence: { imageChartStorage: { type: 's3' } } })).toThrow(/supports only filesystem so far/);
    const shared = render({ registry: { replicas: 2 }, persistence: { persistentVolumeClaim: { registry: { accessMode: 'ReadWriteMany' } } } });
    expect((all(shared, 'PersistentVolumeClaim').find((c) => c.metadata.name === 'harbor-registry') as unknown as Claim).spec.accessModes).toEqual(['ReadWriteMany']);
  });
});

describe('external PostgreSQL and Redis', () => {
  const external = {
    database: { type: 'external', external: { host: 'pg.example.internal', port: 6432, username: 'harbor', password: 'pg-pass', coreDatabase: 'harbor_core', sslmode: 'require' } },
    redis: { type: 'external', external: { addr: 'redis.example.internal:6380', password: 'redis-pass' } },
  };
  const chart = render(external);

  it('removes the bundled StatefulSets, their Services and their claims', () => {
    expect(all(chart, 'StatefulSet')).toEqual([]);
    expect(find(chart, 'Service', 'harbor-database')).toBeUndefined();
    expect(find(chart, 'Service', 'harbor-redis')).toBeUndefined();
    expect(all(chart, 'PersistentVolumeClaim').map((c) => c.metadata.name).sort()).toEqual(['harbor-jobservice', 'harbor-registry']);
  });

  it('points core and jobservice at the external hosts, with passwords from Secrets', () => {
    for (const [w, name, slice] of [['harbor-core', 'core', coreConfig], ['harbor-jobservice', 'jobservice', jobserviceConfig]] as const) {
      const c = slice(serviceConfig(chart, w, name));
      expect(c.database).toMatchObject({ host: 'pg.example.internal', port: 6432, user: 'harbor', database: 'harbor_core', ssl: true, password: 'pg-pass' });
      expect(c.redis).toMatchObject({ host: 'redis.example.internal', port: 6380, password: 'redis-pass' });
      const env = container(workload(chart, w), name).env ?? [];
      expect(env.filter((e) => e.name.includes('EXTERNAL')).map((e) => [e.name, e.valueFrom?.secretKeyRef?.name])).toEqual([
        ['HARBOR__EXTERNAL_DATABASE__HARBOR__PASSWORD', 'harbor-database'],
        ['HARBOR__EXTERNAL_REDIS__PASSWORD', 'harbor-redis'],
      ]);
    }
  });

  it('reads passwords from existing Secrets when named, creating none of its own', () => {
    const named = render({
      database: { ...external.database, external: { ...external.database.external, password: '', existingSecret: 'ops-pg' } },
      redis: { ...external.redis, external: { ...external.redis.external, password: '', existingSecret: 'ops-redis' } },
    });
    expect(find(named, 'Secret', 'harbor-database')).toBeUndefined();
    expect(find(named, 'Secret', 'harbor-redis')).toBeUndefined();
    const cluster = [clusterSecret('ops-pg', { password: 'from-ops' }), clusterSecret('ops-redis', { REDIS_PASSWORD: 'redis-ops' })];
    const c = coreConfig(serviceConfig(named, 'harbor-core', 'core', cluster));
    expect([c.database.password, c.redis.password]).toEqual(['from-ops', 'redis-ops']);
    expect(() => resolvedEnv(named, container(workload(named, 'harbor-core'), 'core'))).toThrow(/missing Secret key ops-pg\/password/);
  });

  it('sets no Redis password variable when Redis has none', () => {
    const open = render({ redis: { type: 'external', external: { addr: 'redis:6379' } } });
    expect((container(workload(open, 'harbor-core'), 'core').env ?? []).map((e) => e.name)).not.toContain('HARBOR__EXTERNAL_REDIS__PASSWORD');
    expect(coreConfig(serviceConfig(open, 'harbor-core', 'core')).redis.password).toBeUndefined();
  });
});
