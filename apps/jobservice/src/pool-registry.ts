import type { WorkerPoolView, WorkerView } from '@harbor-ts/jobs';
import type { Redis } from 'ioredis';

// The dashboard's pools and workers, kept in Redis so any replica can list every pool:
// `pools` (set of ids), `pool:<id>` (hash: Harbor's WorkerPool fields) and `pool:<id>:workers`
// (hash: slot -> Worker JSON). Both expire unless the pool's heartbeat renews them.

const TTL_SECONDS = 60;

export interface PoolInfo {
  id: string;
  pid: number;
  host: string;
  startAt: Date;
  concurrency: number;
}

export class PoolRegistry {
  /** `redis` carries the jobs key prefix (ioredis keyPrefix). */
  constructor(private readonly redis: Redis) {}

  async heartbeat(pool: PoolInfo): Promise<void> {
    await this.redis
      .multi()
      .sadd('pools', pool.id)
      .hset(`pool:${pool.id}`, {
        pid: pool.pid,
        worker_pool_id: pool.id,
        host: pool.host,
        start_at: pool.startAt.toISOString(),
        heartbeat_at: new Date().toISOString(),
        concurrency: pool.concurrency,
      })
      .expire(`pool:${pool.id}`, TTL_SECONDS)
      .expire(`pool:${pool.id}:workers`, TTL_SECONDS)
      .exec();
  }

  async setWorker(poolId: string, worker: WorkerView): Promise<void> {
    await this.redis.multi().hset(`pool:${poolId}:workers`, worker.id, JSON.stringify(worker)).expire(`pool:${poolId}:workers`, TTL_SECONDS).exec();
  }

  async remove(poolId: string): Promise<void> {
    await this.redis.multi().srem('pools', poolId).del(`pool:${poolId}`, `pool:${poolId}:workers`).exec();
  }

  async pools(): Promise<WorkerPoolView[]> {
    const ids = await this.redis.smembers('pools');
    const pools: WorkerPoolView[] = [];
    for (const id of ids.sort()) {
      const h = await this.redis.hgetall(`pool:${id}`);
      if (!h.worker_pool_id) {
        await this.redis.srem('pools', id); // its heartbeat stopped: the process is gone
        continue;
      }
      pools.push({ pid: Number(h.pid), worker_pool_id: h.worker_pool_id, start_at: h.start_at, heartbeat_at: h.heartbeat_at, concurrency: Number(h.concurrency), host: h.host });
    }
    return pools;
  }

  /** Workers of one pool, or of every pool for 'all'; undefined when the pool is unknown. */
  async workers(poolId: string): Promise<WorkerView[] | undefined> {
    const pools = (await this.pools()).map((p) => p.worker_pool_id);
    if (poolId !== 'all' && !pools.includes(poolId)) return undefined;
    const workers: WorkerView[] = [];
    for (const id of poolId === 'all' ? pools : [poolId]) {
      const entries = Object.values(await this.redis.hgetall(`pool:${id}:workers`));
      workers.push(...entries.map((e) => JSON.parse(e) as WorkerView).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })));
    }
    return workers;
  }
}
