import type { RedisConfig } from '@harbor-ts/config';
import { JOB_TYPES, type JobType } from '@harbor-ts/jobs';
import { Queue, type QueueOptions } from 'bullmq';
import { Redis } from 'ioredis';

/** The options both ioredis and BullMQ take (BullMQ manages key prefixes itself). */
export interface ConnectionSettings {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  keyPrefix?: string;
  maxRetriesPerRequest?: number | null;
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

/** One BullMQ queue per job type, sharing one connection. */
export class JobQueues {
  private readonly connection: Redis;
  private readonly queues: ReadonlyMap<JobType, Queue>;

  constructor(redis: RedisConfig) {
    this.connection = new Redis(redisOptions(redis, { maxRetriesPerRequest: null }));
    const options: QueueOptions = { connection: this.connection, prefix: jobsPrefix(redis) };
    this.queues = new Map(JOB_TYPES.map((type) => [type, new Queue(type, options)]));
  }

  get(type: JobType): Queue {
    return this.queues.get(type) as Queue;
  }

  entries(): [JobType, Queue][] {
    return [...this.queues.entries()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}
