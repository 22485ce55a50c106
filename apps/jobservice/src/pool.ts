import type { WorkerView } from '@harbor-ts/jobs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { PoolInfo, PoolRegistry } from './pool-registry';

const HEARTBEAT_MS = 10_000;

export interface Slot {
  /** Tells the dashboard how far the job is ("check in"). */
  checkIn(note: string): void;
}

/**
 * This process's worker pool: max_job_workers slots shared by every queue, so the limit holds
 * across job types as Harbor's pool does. Each slot is a "worker" on the dashboard.
 */
export class WorkerPool {
  readonly info: PoolInfo;
  private readonly busy: (WorkerView | undefined)[];
  /** Slots handed out (a slot is taken before its job is published as busy). */
  private readonly taken = new Set<number>();
  private readonly waiting: ((slot: number) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(concurrency: number, private readonly registry: PoolRegistry, private readonly log: Logger) {
    this.info = { id: randomBytes(12).toString('hex'), pid: process.pid, host: hostname(), startAt: new Date(), concurrency };
    this.busy = new Array<WorkerView | undefined>(concurrency).fill(undefined);
  }

  async start(): Promise<void> {
    await this.registry.heartbeat(this.info);
    await Promise.all(this.busy.map((_, slot) => this.publish(slot)));
    this.timer = setInterval(() => void this.registry.heartbeat(this.info).catch((err: unknown) => this.log.warn({ err }, 'pool heartbeat failed')), HEARTBEAT_MS);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.registry.remove(this.info.id).catch(() => undefined);
  }

  /** Runs fn in a free slot, waiting for one when all are busy. */
  async run<T>(job: { name: string; id: string }, fn: (slot: Slot) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    const startAt = new Date().toISOString();
    this.busy[slot] = { id: String(slot), pool_id: this.info.id, job_name: job.name, job_id: job.id, start_at: startAt, check_in: '', checkin_at: startAt };
    await this.publish(slot);
    const handle: Slot = {
      checkIn: (note) => {
        const worker = this.busy[slot];
        if (!worker) return;
        Object.assign(worker, { check_in: note, checkin_at: new Date().toISOString() });
        void this.publish(slot);
      },
    };
    try {
      return await fn(handle);
    } finally {
      this.busy[slot] = undefined;
      await this.publish(slot);
      this.release(slot);
    }
  }

  private acquire(): Promise<number> {
    const free = this.busy.findIndex((_, i) => !this.taken.has(i));
    if (free >= 0) {
      this.taken.add(free);
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: number): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.taken.delete(slot);
  }

  private async publish(slot: number): Promise<void> {
    const worker = this.busy[slot] ?? { id: String(slot), pool_id: this.info.id, job_name: '', job_id: '', check_in: '' };
    await this.registry.setWorker(this.info.id, worker).catch((err: unknown) => this.log.warn({ err }, 'could not publish the worker state'));
  }
}
