import { walkRepositoryNames } from './catalog';
import type { StorageDriver } from './driver/driver';

export interface CatalogPage {
  /** At most `limit` names after `last`, in lexical order. */
  names: string[];
  /** True when more names follow the page. */
  more: boolean;
}

/**
 * The sorted list of repository names, kept in memory so a catalog page is a binary search
 * instead of a directory walk. Built by one walk on first use; repositories created through
 * this process are added as they appear; a walk older than `maxAgeMs` is redone in the
 * background (stale while revalidating), which picks up what other registry processes on the
 * same storage created and what garbage collection removed.
 */
export class CatalogIndex {
  private names?: string[];
  private builtAt = 0;
  private building?: Promise<void>;
  /** Names noted while a walk is running, which the walk may have missed. */
  private notedDuringWalk = new Set<string>();

  constructor(
    private readonly driver: StorageDriver,
    private readonly maxAgeMs = 30_000,
  ) {}

  async page(limit: number, last?: string): Promise<CatalogPage> {
    if (!this.names) await this.rebuild();
    else if (Date.now() - this.builtAt > this.maxAgeMs) void this.rebuild().catch(() => undefined);
    const names = this.names ?? [];
    const start = last === undefined ? 0 : firstAfter(names, last);
    return { names: names.slice(start, start + limit), more: start + limit < names.length };
  }

  /** Records that `name` has content; cheap enough to call on every link. */
  note(name: string): void {
    if (this.building) this.notedDuringWalk.add(name);
    if (!this.names) return;
    const at = firstAfter(this.names, name);
    if (this.names[at - 1] !== name) this.names.splice(at, 0, name);
  }

  private rebuild(): Promise<void> {
    this.building ??= this.walk().finally(() => (this.building = undefined));
    return this.building;
  }

  private async walk(): Promise<void> {
    this.notedDuringWalk = new Set();
    const walked = await walkRepositoryNames(this.driver);
    const merged = new Set([...walked, ...this.notedDuringWalk]);
    this.names = [...merged].sort();
    this.builtAt = Date.now();
  }
}

/** Index of the first name greater than `value` in a sorted array. */
function firstAfter(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
