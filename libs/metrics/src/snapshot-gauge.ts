import { Gauge, type Registry } from 'prom-client';

export interface Sample<L extends string> {
  labels: Partial<Record<L, string>>;
  value: number;
}

/**
 * A gauge whose series are replaced on every scrape by what `samples` returns, as Harbor's
 * exporter builds const metrics per scrape: a project deleted since the last scrape disappears
 * instead of lingering with its last value. `samples` is usually a cachedFor() selection.
 */
export function snapshotGauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  samples: () => Promise<Sample<L>[]>,
): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      const current = await samples();
      this.reset();
      for (const s of current) this.set(s.labels, s.value);
    },
  });
}
