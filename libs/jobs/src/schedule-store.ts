import type { JobType } from './job-types';
import { type ScheduleRecord, scheduleRecord } from './records';
import type { SqlRunner } from './sql';

/**
 * The `schedule` table: one cron per vendor (GC, a retention policy...). It is the source of
 * truth; jobservice mirrors it into BullMQ job schedulers.
 */
export class ScheduleStore {
  constructor(private readonly db: SqlRunner) {}

  async save(type: JobType, vendorId: number, cronType: string, cron: string, params: Record<string, unknown>): Promise<void> {
    await this.db.query(
      `INSERT INTO schedule (vendor_type, vendor_id, cron_type, cron, params) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (vendor_type, vendor_id) DO UPDATE SET cron_type = $3, cron = $4, params = $5, update_time = now()`,
      [type, vendorId, cronType, cron, JSON.stringify(params)],
    );
  }

  /** True when a schedule was removed. */
  async remove(type: JobType, vendorId: number): Promise<boolean> {
    const rows = await this.db.query(`DELETE FROM schedule WHERE vendor_type = $1 AND vendor_id = $2 RETURNING id`, [type, vendorId]);
    return rows.length > 0;
  }

  async get(type: JobType, vendorId: number): Promise<ScheduleRecord | undefined> {
    const [row] = await this.db.query(`SELECT * FROM schedule WHERE vendor_type = $1 AND vendor_id = $2`, [type, vendorId]);
    return row ? scheduleRecord(row) : undefined;
  }

  async all(): Promise<ScheduleRecord[]> {
    return (await this.db.query(`SELECT * FROM schedule ORDER BY id`)).map(scheduleRecord);
  }

  async page(offset: number, limit: number): Promise<{ total: number; items: ScheduleRecord[] }> {
    const [{ count }] = await this.db.query<{ count: string }>(`SELECT count(*) FROM schedule`);
    const rows = await this.db.query(`SELECT * FROM schedule ORDER BY id OFFSET $1 LIMIT $2`, [offset, limit]);
    return { total: Number(count), items: rows.map(scheduleRecord) };
  }
}
