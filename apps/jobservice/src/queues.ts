import type { RedisConfig } from '@harbor-ts/config';
import { JOB_TYPES, type JobType } from '@harbor-ts/jobs';
import { Queue, type QueueOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** The options both ioredis and BullMQ take (BullMQ manages key prefixes itself). */
export interface ConnectionSettings {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  keyPrefix?: string;
  maxRetriesPerRequest?: number | null;
  enableOfflineQueue?: boolean;
}

export function redisOptions(redis: RedisConfig, extra: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return {
    host: redis.host,
    port: redis.port,
    db: redis.db,
    ...(redis.username ? { username: redis.username } : {}),
    ...(redis.password ? { password: redis.password } : {}),
    ...extra,
  };
}

/** Where everything of jobservice lives in Redis: BullMQ queues, pools, the stop channel. */
export function jobsPrefix(redis: RedisConfig): string {
  return `${redis.keyPrefix}jobs`;
}

/**
 * One BullMQ queue per job type, sharing one connection. Commands fail at once while Redis is
 * unreachable instead of waiting for it (no offline queue): a submit answers 503 rather than
 * hanging, and is never queued behind the caller's back after the caller gave up.
 */
export class JobQueues {
  private readonly connection: Redis;
  private readonly queues: ReadonlyMap<JobType, Queue>;

  constructor(redis: RedisConfig, log: Logger) {
    this.connection = new Redis(redisOptions(redis, { maxRetriesPerRequest: null, enableOfflineQueue: false }));
    const options: QueueOptions = { connection: this.connection, prefix: jobsPrefix(redis) };
    this.queues = new Map(JOB_TYPES.map((type) => [type, new Queue(type, options)]));
    // Without a listener BullMQ prints each reconnection failure's stack to stderr.
    for (const [type, queue] of this.queues) queue.on('error', (err) => log.warn({ err, queue: type }, 'queue connection error'));
  }

  get(type: JobType): Queue {
    return this.queues.get(type) as Queue;
  }

  /** Fails at once while the queues' connection is down (health: can this process take jobs?). */
  async ping(): Promise<void> {
    await this.connection.ping();
  }

  entries(): [JobType, Queue][] {
    return [...this.queues.entries()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}
