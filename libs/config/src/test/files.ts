import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A scratch directory per test file; `cleanup` in afterAll removes it. */
export function scratch(): { dir: string; write(name: string, text: string): string; cleanup(): void } {
  // realpath: process.cwd() reports the resolved path when tmpdir is a symlink (macOS).
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'harbor-config-')));
  return {
    dir,
    write(name, text) {
      const file = join(dir, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `fn` with the working directory set to `dir`, restoring it afterwards. */
export function inDir<T>(dir: string, fn: () => T): T {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return fn();
  } finally {
    process.chdir(before);
  }
}

/** The error `fn` throws; fails the test when it returns normally. */
export function thrown<E extends Error>(fn: () => unknown): E {
  try {
    fn();
  } catch (err) {
    return err as E;
  }
  throw new Error('expected the call to throw');
}
