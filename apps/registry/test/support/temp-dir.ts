import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir; the label shows up in its name to ease debugging. */
export function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `harbor-e2e-${label}-`));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
