import type { SyslogMessage } from '@harbor-ts/logging';

/** Where received messages go: per-service files, or a remote syslog endpoint. */
export interface LogSink {
  /**
   * Takes one message. A droppable one (UDP: its sender cannot be slowed down) is refused,
   * returning false, when the sink is over its hard limit; TCP input is paused instead.
   */
  write(message: SyslogMessage, droppable: boolean): boolean;
  /** True while writes are piling up: TCP inputs stop reading until `whenDrained` fires. */
  readonly saturated: boolean;
  whenDrained(callback: () => void): void;
  stats(): Record<string, number>;
  close(): Promise<void>;
}
