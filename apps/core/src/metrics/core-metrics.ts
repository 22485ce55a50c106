import { Injectable } from '@nestjs/common';
import { HttpMetrics } from '@harbor-ts/metrics';
import { Registry } from 'prom-client';

/** Core's own metrics (Harbor: harbor_core_http_*), served on its internal /metrics. */
@Injectable()
export class CoreMetrics {
  readonly registry = new Registry();
  readonly http = new HttpMetrics(this.registry, 'core');
}
