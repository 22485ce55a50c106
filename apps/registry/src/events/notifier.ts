import type { NotificationEndpoint } from '@harbor-ts/config';
import type { Logger } from 'pino';
import { EVENTS_MEDIA_TYPE, type RegistryEvent } from './envelope';


/** Events waiting per endpoint; beyond it the oldest are dropped and counted, so a dead endpoint cannot eat memory. */
const MAX_QUEUED = 10_000;
const MAX_BACKOFF_MS = 60_000;
const BATCH = 100;

/** Posts events to one endpoint in order, in batches, retrying with exponential backoff until delivered. */
class EndpointQueue {
  private readonly queue: RegistryEvent[] = [];
  private failures = 0;
  private running = false;
  private timer?: NodeJS.Timeout;
  private closed = false;
  /** The first `inFlight` queued events are the batch being posted. */
  private inFlight = 0;
  private dropped = 0;
  private delivered = 0;

  constructor(
    private readonly settings: NotificationEndpoint,
    private readonly log: Logger,
    private readonly maxQueued: number,
  ) {}

  push(event: RegistryEvent): void {
    if (this.closed) return;
    if (this.queue.length >= this.maxQueued) {
      // Drop the oldest event not being sent right now; the batch in flight stays intact.
      this.queue.splice(this.inFlight, 1);
      this.dropped++;
    }
    this.queue.push(event);
    if (!this.running && !this.timer) void this.drain();
  }

  stats(): { name: string; pending: number; delivered: number; dropped: number } {
    return { name: this.settings.name, pending: this.queue.length, delivered: this.delivered, dropped: this.dropped };
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.closed) {
      const batch = this.queue.slice(0, BATCH);
      this.inFlight = batch.length;
      const sent = await this.send(batch);
      this.inFlight = 0;
      if (!sent) return this.retryLater();
      this.queue.splice(0, batch.length);
      this.delivered += batch.length;
      this.failures = 0;
    }
    this.running = false;
  }

  private retryLater(): void {
    this.running = false;
    this.failures++;
    if (this.failures === this.settings.threshold) {
      this.log.error({ endpoint: this.settings.name, failures: this.failures }, 'notification endpoint is failing');
    }
    const delay = Math.min(this.settings.backoffMs * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delay);
    this.timer.unref();
  }

  private async send(events: RegistryEvent[]): Promise<boolean> {
    try {
      const res = await fetch(this.settings.url, {
        method: 'POST',
        headers: { ...this.settings.headers, 'content-type': EVENTS_MEDIA_TYPE },
        body: JSON.stringify({ events }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return true;
      this.log.warn({ endpoint: this.settings.name, status: res.status }, 'notification rejected');
    } catch (err) {
      this.log.warn({ endpoint: this.settings.name, err: (err as Error).message }, 'notification failed');
    }
    return false;
  }
}

/** Fans each event out to every configured endpoint; delivery never blocks the request that caused it. */
export class Notifier {
  private readonly queues: EndpointQueue[];

  constructor(endpoints: readonly NotificationEndpoint[], log: Logger, options: { maxQueued?: number } = {}) {
    this.queues = endpoints.map((e) => new EndpointQueue(e, log, options.maxQueued ?? MAX_QUEUED));
  }

  /** Delivery counters per endpoint name, for tests and metrics. */
  stats(): { name: string; pending: number; delivered: number; dropped: number }[] {
    return this.queues.map((q) => q.stats());
  }

  get enabled(): boolean {
    return this.queues.length > 0;
  }

  publish(event: RegistryEvent): void {
    for (const queue of this.queues) queue.push(event);
  }

  close(): void {
    for (const queue of this.queues) queue.close();
  }
}
