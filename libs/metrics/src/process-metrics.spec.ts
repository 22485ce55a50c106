import { Registry } from 'prom-client';
import { collectProcessMetrics } from './process-metrics';
import { promtoolCheck, sampleValue } from './testing/promtool';

describe('collectProcessMetrics', () => {
  it('serves the process figures unprefixed, in an exposition promtool accepts', async () => {
    const registry = new Registry();
    collectProcessMetrics(registry);
    const text = await registry.metrics();
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sampleValue(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
    expect(text).not.toMatch(/^nodejs_active_handles_total/m);
    expect(await promtoolCheck(text)).toEqual({ code: 0, output: '' });
  });
});
