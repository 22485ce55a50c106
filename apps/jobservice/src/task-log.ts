import type { ExecutionStore } from '@harbor-ts/jobs';
import type { Logger } from 'pino';
import type { JobLogFiles } from './job-log-files';

const FLUSH_MS = 500;
const FLUSH_LINES = 200;

/**
 * A task's log: every line goes to the job_log table (core serves it from there, so this one is
 * always on), batched so a chatty job costs one INSERT per half second; to stdout when
 * STD_OUTPUT is configured and to the task's file when FILE is.
 */
export class TaskLog {
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ExecutionStore,
    private readonly taskId: number,
    private readonly stdout: Logger | undefined,
    private readonly log: Logger,
    private readonly files?: JobLogFiles,
  ) {}

  line(text: string): void {
    this.stdout?.info({ taskId: this.taskId }, text);
    this.buffer.push(`${new Date().toISOString()} ${text}`);
    if (this.buffer.length >= FLUSH_LINES) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is buffered; resolves once every earlier line is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      await this.store.appendLog(this.taskId, lines).catch((err: unknown) => this.log.warn({ err, taskId: this.taskId }, 'could not store job log lines'));
      await this.files?.append(this.taskId, lines).catch((err: unknown) => this.log.warn({ err, taskId: this.taskId }, 'could not write the job log file'));
    });
    return this.writing;
  }
}
