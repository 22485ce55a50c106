import { isNotFound, type StorageDriver } from './driver/driver';
import { REPOSITORIES } from './layout';

/**
 * Every repository name in storage, in no particular order (CatalogIndex sorts). A directory
 * holding `_layers` or `_manifests` is a repository; `_`-prefixed directories are its
 * internals, and every other child is a directory of nested names. Only `list` is used (one
 * readdir per directory, no stat per entry), siblings in parallel.
 */
export async function walkRepositoryNames(driver: StorageDriver): Promise<string[]> {
  const names: string[] = [];
  await collect(driver, REPOSITORIES, names);
  return names;
}

async function collect(driver: StorageDriver, dir: string, into: string[]): Promise<void> {
  const children = await childNames(driver, dir);
  if (dir !== REPOSITORIES && children.some((c) => c === '_layers' || c === '_manifests')) {
    into.push(dir.slice(REPOSITORIES.length + 1));
  }
  const nested = children.filter((c) => !c.startsWith('_'));
  await Promise.all(nested.map((c) => collect(driver, `${dir}/${c}`, into)));
}

async function childNames(driver: StorageDriver, dir: string): Promise<string[]> {
  try {
    return (await driver.list(dir)).map((p) => p.slice(p.lastIndexOf('/') + 1));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}
