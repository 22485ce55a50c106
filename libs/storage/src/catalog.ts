import { isNotFound, type StorageDriver } from './driver/driver';
import { REPOSITORIES } from './layout';

/**
 * Every repository name in storage, in no particular order (CatalogIndex sorts). A directory
 * holding one of `markers` (default `_layers` or `_manifests`) is a repository; `_`-prefixed directories are its
 * internals, and every other child is a directory of nested names. Only `list` is used (one
 * readdir per directory, no stat per entry), siblings in parallel.
 */
export async function walkRepositoryNames(driver: StorageDriver, markers: readonly string[] = CONTENT_MARKERS): Promise<string[]> {
  const names: string[] = [];
  await collect(driver, REPOSITORIES, markers, names);
  return names;
}

/** What makes a directory a repository for the catalog: linked content. (The upload purger looks for `_uploads`.) */
const CONTENT_MARKERS = ['_layers', '_manifests'];

async function collect(driver: StorageDriver, dir: string, markers: readonly string[], into: string[]): Promise<void> {
  const children = await childNames(driver, dir);
  if (dir !== REPOSITORIES && children.some((c) => markers.includes(c))) {
    into.push(dir.slice(REPOSITORIES.length + 1));
  }
  const nested = children.filter((c) => !c.startsWith('_'));
  await Promise.all(nested.map((c) => collect(driver, `${dir}/${c}`, markers, into)));
}

async function childNames(driver: StorageDriver, dir: string): Promise<string[]> {
  try {
    return (await driver.list(dir)).map((p) => p.slice(p.lastIndexOf('/') + 1));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}
