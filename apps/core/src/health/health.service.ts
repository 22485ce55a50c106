import { Injectable } from '@nestjs/common';
import { type HealthCheck, HealthChecks } from './health.checks';

export interface ComponentHealthStatus {
  name: string;
  status: 'healthy' | 'unhealthy';
  error?: string;
}

export interface OverallHealthStatus {
  status: 'healthy' | 'unhealthy';
  components: ComponentHealthStatus[];
}

/** A probe slower than this counts as down: /health must answer even when a dependency hangs. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * GET /health (anonymous, always 200): every component probed in parallel, sorted by name;
 * the whole is healthy only when every component is.
 */
@Injectable()
export class HealthService {
  constructor(private readonly checks: HealthChecks) {}

  async overall(): Promise<OverallHealthStatus> {
    const components = await Promise.all(this.checks.all().map((c) => probe(c, CHECK_TIMEOUT_MS)));
    components.sort((a, b) => a.name.localeCompare(b.name));
    const healthy = components.every((c) => c.status === 'healthy');
    return { status: healthy ? 'healthy' : 'unhealthy', components };
  }
}

export async function probe(check: HealthCheck, timeoutMs: number): Promise<ComponentHealthStatus> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error('failed to check the health status: timeout'));
    }, timeoutMs);
  });
  try {
    await Promise.race([check.run(controller.signal), timeout]);
    return { name: check.name, status: 'healthy' };
  } catch (err) {
    return { name: check.name, status: 'unhealthy', error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
