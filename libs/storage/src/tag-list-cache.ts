import { BoundedMap } from './bounded-map';
import type { FileInfo } from './driver/driver';

interface Entry {
  modTimeMs: number;
  tags: string[];
}

/**
 * Sorted tag lists by repository, valid while the `_manifests/tags` directory's modification
 * time is unchanged (creating or deleting a tag adds or removes one of its subdirectories).
 * Because file systems stamp mtimes with a coarse clock, a list is only kept when the
 * directory was last modified more than QUIET_MS before it was read: a change after that
 * necessarily carries a later mtime. Changes through this process also drop the entry at once.
 */
const QUIET_MS = 2_000;

export class TagListCache {
  private readonly entries: BoundedMap<string, Entry>;

  constructor(capacity = 1_000) {
    this.entries = new BoundedMap(capacity);
  }

  get(name: string, dir: FileInfo): string[] | undefined {
    const entry = this.entries.get(name);
    return entry && entry.modTimeMs === dir.modTime.getTime() ? entry.tags : undefined;
  }

  set(name: string, dir: FileInfo, tags: string[], now = Date.now()): void {
    if (now - dir.modTime.getTime() < QUIET_MS) return;
    this.entries.set(name, { modTimeMs: dir.modTime.getTime(), tags });
  }

  forget(name: string): void {
    this.entries.delete(name);
  }
}
