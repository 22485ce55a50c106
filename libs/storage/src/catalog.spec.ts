import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRepositoriesSorted } from './catalog';
import { FilesystemDriver } from './fs/filesystem-driver';
import { layout } from './layout';

describe('listRepositoriesSorted', () => {
  const names = ['a', 'a-c', 'a.b', 'a/b', 'a/b/c', 'a/b-c', 'a0', 'a_b', 'b', 'b/a/a/a', 'ab', 'z9/z'];
  let driver: FilesystemDriver;
  beforeAll(async () => {
    driver = new FilesystemDriver({ rootDirectory: await mkdtemp(join(tmpdir(), 'catalog-')) });
    for (const name of names) await driver.putContent(`${layout.repository(name)}/_layers/link`, 'x');
    await driver.putContent(`${layout.repository('only/uploads')}/_uploads/x/data`, '');
  });

  it('returns every repository in plain string order', async () => {
    expect(await listRepositoriesSorted(driver, 1000)).toEqual([...names].sort());
  });

  it.each([1, 2, 3, 5, 7])('pages of %i walk the same order with last', async (size) => {
    const seen: string[] = [];
    let last: string | undefined;
    for (;;) {
      const page = await listRepositoriesSorted(driver, size, last);
      seen.push(...page);
      if (page.length < size) break;
      last = page[page.length - 1];
    }
    expect(seen).toEqual([...names].sort());
  });

  it('starts after a last that is not itself a repository', async () => {
    expect(await listRepositoriesSorted(driver, 3, 'a/b/b')).toEqual(['a/b/c', 'a0', 'a_b']);
    expect(await listRepositoriesSorted(driver, 10, 'z')).toEqual(['z9/z']);
    expect(await listRepositoriesSorted(driver, 0)).toEqual([]);
  });
});
