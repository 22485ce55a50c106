import { Injectable } from '@nestjs/common';
import { cachedFor, snapshotGauge } from '@harbor-ts/metrics';
import { Registry } from 'prom-client';
import { ExporterCollectors, type Series, type Source } from './exporter-collectors';
import { EXPORTER_METRICS } from './exporter-metrics';

/** Scrapes this close together share one reading of the database, the probes and jobservice. */
export const EXPORTER_CACHE_MS = 2_000;

/** The exporter's Prometheus registry: every Harbor exporter metric, read from its source per scrape. */
@Injectable()
export class ExporterRegistry {
  readonly registry = new Registry();

  constructor(collectors: ExporterCollectors) {
    const readers = collectors.sources();
    const cached = new Map<Source, () => Promise<Series>>();
    for (const source of Object.keys(readers) as Source[]) cached.set(source, cachedFor(EXPORTER_CACHE_MS, readers[source]));
    for (const m of EXPORTER_METRICS) {
      const read = cached.get(m.source) as () => Promise<Series>;
      snapshotGauge(this.registry, m.name, m.help, m.labels, async () => (await read())[m.name] ?? []);
    }
  }
}
