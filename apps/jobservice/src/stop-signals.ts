import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Stop requests reach the process running a task over Redis pub/sub (every jobservice replica
 * listens); the task's AbortController is aborted and the handler sees ctx.signal. The request
 * is also on the task row (stop_requested), so a task not running anywhere yet never starts.
 */
export class StopSignals {
  private readonly running = new Map<number, AbortController>();

  constructor(private readonly publisher: Redis, private readonly subscriber: Redis, private readonly channel: string, private readonly log: Logger) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const controller = this.running.get(Number(message));
      if (!controller) return;
      this.log.info({ taskId: Number(message) }, 'stopping task');
      controller.abort(new StopRequested());
    });
    await this.subscriber.subscribe(this.channel);
  }

  /** A controller aborted when someone stops the task; forget it with `release`. */
  watch(taskId: number): AbortController {
    const controller = new AbortController();
    this.running.set(taskId, controller);
    return controller;
  }

  release(taskId: number): void {
    this.running.delete(taskId);
  }

  async request(taskId: number): Promise<void> {
    await this.publisher.publish(this.channel, String(taskId));
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => undefined);
  }
}

export class StopRequested extends Error {
  constructor() {
    super('stopped on request');
  }
}

export class DurationExceeded extends Error {
  constructor(limitMs: number) {
    super(`the job ran longer than max_job_duration_hours (${limitMs / 3_600_000} h)`);
  }
}
