import { parseSyslog } from '@harbor-ts/logging';
import type { Logger } from 'pino';
import type { LogSink } from './sink';

const WARN_INTERVAL_MS = 10_000;

/**
 * Parses every received frame or datagram and hands valid messages to the sink. Malformed
 * input is counted and reported in one warning per interval at most, so a flood of garbage
 * costs a counter increment each, not a log line each.
 */
export class Intake {
  private readonly counters = { received: 0, malformed: 0 };
  private unreported = 0;
  private lastReason = '';
  private lastWarnAt = 0;
  private warnTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: LogSink,
    private readonly log: Logger,
  ) {}

  /** `droppable`: see LogSink.write. */
  frame(bytes: Buffer, droppable: boolean): void {
    const parsed = parseSyslog(bytes.toString('utf8'));
    if (!parsed.ok) return this.malformed(parsed.reason);
    this.counters.received++;
    this.sink.write(parsed.value, droppable); // a refusal is counted by the sink
  }

  /** Something the framing layer could not turn into a frame at all. */
  malformed(reason: string): void {
    this.counters.malformed++;
    this.unreported++;
    this.lastReason = reason;
    const wait = this.lastWarnAt + WARN_INTERVAL_MS - Date.now();
    if (wait <= 0) this.report();
    else if (!this.warnTimer) {
      this.warnTimer = setTimeout(() => this.report(), wait);
      this.warnTimer.unref();
    }
  }

  stats(): { received: number; malformed: number } {
    return { ...this.counters };
  }

  close(): void {
    clearTimeout(this.warnTimer);
  }

  private report(): void {
    this.warnTimer = undefined;
    this.lastWarnAt = Date.now();
    this.log.warn({ malformed: this.unreported, malformedTotal: this.counters.malformed, lastReason: this.lastReason }, 'malformed syslog messages discarded');
    this.unreported = 0;
  }
}
