import { isNotFound, type StorageDriver } from './driver/driver';
import { REPOSITORIES } from './layout';

/** How many sibling directories are listed ahead of the one being examined. */
const LOOKAHEAD = 16;

/**
 * Lists repository names in lexical order, stopping as soon as `want` names after `last` are
 * found, so a page of the catalog costs about a page of readdirs, not the whole tree.
 *
 * Repository names are '/'-joined components, and '-' and '.' sort before '/'. So at each
 * directory, a child `c` contributes two ranges in the final order: the name `c` itself (when
 * it is a repository) and the block of nested names `c/...`, which is contiguous and sorts
 * exactly where the key "c/" sorts among its siblings' keys. Visiting the keys in order
 * yields the names in order.
 */
export async function listRepositoriesSorted(driver: StorageDriver, want: number, last?: string): Promise<string[]> {
  const found: string[] = [];
  if (want > 0) await visit(driver, REPOSITORIES, '', childNames(driver, REPOSITORIES), want, last, found);
  return found;
}

async function visit(driver: StorageDriver, dir: string, prefix: string, listing: Promise<string[]>, want: number, last: string | undefined, found: string[]): Promise<void> {
  const children = (await listing).filter((c) => !c.startsWith('_'));
  const keys = children.flatMap((c) => [{ key: prefix + c, child: c, nested: false }, { key: `${prefix + c}/`, child: c, nested: true }]);
  keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const listings = new Map<string, Promise<string[]>>();
  const listingOf = (child: string) => {
    let pending = listings.get(child);
    if (!pending) listings.set(child, (pending = childNames(driver, `${dir}/${child}`)));
    return pending;
  };
  for (let i = 0; i < keys.length && found.length < want; i++) {
    for (const ahead of keys.slice(i + 1, i + 1 + LOOKAHEAD)) void listingOf(ahead.child).catch(() => undefined);
    const { key, child, nested } = keys[i];
    if (!nested) {
      if (last !== undefined && key <= last) continue;
      const inside = await listingOf(child);
      if (inside.includes('_layers') || inside.includes('_manifests')) found.push(key);
    } else {
      // Every nested name is below `${prefix}${child}0` ('0' follows '/'), so a `last` at or past it skips the block.
      if (last !== undefined && last >= `${prefix + child}0`) continue;
      await visit(driver, `${dir}/${child}`, key, listingOf(child), want, last, found);
    }
  }
}

async function childNames(driver: StorageDriver, dir: string): Promise<string[]> {
  try {
    return (await driver.list(dir)).map((p) => p.slice(p.lastIndexOf('/') + 1));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}
