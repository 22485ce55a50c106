import { appendFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Harbor's FILE job logger: one `<task id>.log` per task under data_volume/job_logs, next to the
 * job_log rows core serves /log from, for operators who read or ship logs from disk. Files
 * older than logger_sweeper_duration go with the rows.
 */
export class JobLogFiles {
  private ready: Promise<unknown> | undefined;

  constructor(readonly directory: string) {}

  path(taskId: number): string {
    return join(this.directory, `${taskId}.log`);
  }

  async append(taskId: number, lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    this.ready ??= mkdir(this.directory, { recursive: true, mode: 0o750 });
    await this.ready;
    await appendFile(this.path(taskId), `${lines.join('\n')}\n`);
  }

  /** Removes the logs last written more than `ageMs` ago; returns how many went. */
  async sweep(ageMs: number, now = Date.now()): Promise<number> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names.filter((n) => /^\d+\.log$/.test(n))) {
      const file = join(this.directory, name);
      const info = await stat(file).catch(() => undefined);
      if (info && now - info.mtimeMs > ageMs) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
