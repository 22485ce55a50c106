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
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 1_000) {}

  get(name: string, dir: FileInfo): string[] | undefined {
    const entry = this.entries.get(name);
    return entry && entry.modTimeMs === dir.modTime.getTime() ? entry.tags : undefined;
  }

  set(name: string, dir: FileInfo, tags: string[], now = Date.now()): void {
    if (now - dir.modTime.getTime() < QUIET_MS) return;
    if (this.entries.size >= this.capacity && !this.entries.has(name)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(name, { modTimeMs: dir.modTime.getTime(), tags });
  }

  forget(name: string): void {
    this.entries.delete(name);
  }
}
