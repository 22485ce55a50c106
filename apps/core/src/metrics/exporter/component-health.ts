import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { type HealthCheck, HealthChecks } from '../../health/health.checks';
import { type ComponentHealthStatus, probe } from '../../health/health.service';
import { CORE_CONFIG } from '../../tokens';

const PROBE_TIMEOUT_MS = 3_000;

/**
 * harbor_up's components: what /api/v2.0/health probes (core, database, redis, registry, portal) plus
 * jobservice and registryctl, which Harbor's health lists too, each by its own health endpoint.
 */
@Injectable()
export class ComponentHealth {
  constructor(
    private readonly checks: HealthChecks,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  probeAll(): Promise<ComponentHealthStatus[]> {
    const extra: HealthCheck[] = [{ name: 'jobservice', run: (signal) => expect200(this.config.jobserviceUrl, '/api/v1/health', signal) }];
    const registryctl = this.config.registryctlUrl;
    if (registryctl) extra.push({ name: 'registryctl', run: (signal) => expect200(registryctl, '/api/health', signal) });
    return Promise.all([...this.checks.all(), ...extra].map((check) => probe(check, PROBE_TIMEOUT_MS)));
  }
}

async function expect200(base: string, path: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${base.replace(/\/+$/, '')}${path}`, { signal });
  await res.body?.cancel();
  if (res.status !== 200) throw new Error(`received unexpected status code: ${res.status}`);
}
