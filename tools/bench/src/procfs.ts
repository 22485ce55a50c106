// Server-side figures read from /proc: CPU seconds (utime + stime, plus the cutime + cstime of
// reaped children) and resident memory. A server may fork workers, so both figures cover the
// whole process tree under the launched pid.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

interface Stat {
  readonly ppid: number;
  readonly ownTicks: number;
  readonly childTicks: number;
}

let ticksPerSecond: number | undefined;
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid ..." - comm may hold spaces and parens, so split after the last ')'.
  // Fields from `state` on: state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const num = (i: number): number => Number(fields[i]);
  return { ppid: num(1), ownTicks: num(11) + num(12), childTicks: num(13) + num(14) };
}

/** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM), 0 if the process is gone. */
export function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** One pass over /proc: every process's stat, and the machine's busy ticks. */
export interface ProcSnapshot {
  readonly stats: ReadonlyMap<number, Stat>;
  readonly machineTicks: number;
}

export function snapshot(): ProcSnapshot {
  const stats = new Map<number, Stat>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    const stat = Number.isInteger(pid) && pid > 0 ? readStat(pid) : undefined;
    if (stat) stats.set(pid, stat);
  }
  return { stats, machineTicks: machineBusyTicks() };
}

/** The pid and all its descendants. */
export function treeOf(snap: ProcSnapshot, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, stat] of snap.stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** CPU ticks used so far by a process tree: live processes plus children the root has reaped. */
export function treeTicks(snap: ProcSnapshot, root: number): number {
  const own = treeOf(snap, root).reduce((sum, pid) => sum + (snap.stats.get(pid)?.ownTicks ?? 0), 0);
  return own + (snap.stats.get(root)?.childTicks ?? 0);
}

/** CPU ticks of one process alone (threads included, children not). */
export function ownTicks(snap: ProcSnapshot, pid: number): number {
  return snap.stats.get(pid)?.ownTicks ?? 0;
}

/** CPU ticks of kernel threads (kthreadd, pid 2, and its children: writeback, ksoftirqd...). */
export function kernelThreadTicks(snap: ProcSnapshot): number {
  let ticks = 0;
  for (const [pid, stat] of snap.stats) if (pid === 2 || stat.ppid === 2) ticks += stat.ownTicks;
  return ticks;
}

export function treeRssKiB(tree: readonly number[]): number {
  return tree.reduce((sum, pid) => sum + statusKiB(pid, 'VmRSS'), 0);
}

/** Busy ticks of the whole machine: user + nice + system + steal from /proc/stat. Interrupt time
 *  (irq, softirq: loopback networking) is left out; it is work for the bench, not noise. */
export function machineBusyTicks(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , , , steal] = fields;
  return user + nice + system + (steal ?? 0);
}

/** Pids whose command line (NULs read as spaces) satisfies `match`: e.g. PostgreSQL backends,
 *  which show "postgres: 15/main: <user> <database> <client> <state>" there. */
export function pidsWhere(match: (cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    try {
      if (match(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))) pids.push(pid);
    } catch {
      // the process exited meanwhile
    }
  }
  return pids;
}
