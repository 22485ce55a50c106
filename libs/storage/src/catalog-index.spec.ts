import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogIndex } from './catalog-index';
import { FilesystemDriver } from './fs/filesystem-driver';
import { layout } from './layout';

async function driverWith(names: string[]): Promise<FilesystemDriver> {
  const driver = new FilesystemDriver({ rootDirectory: await mkdtemp(join(tmpdir(), 'catalog-index-')) });
  for (const name of names) await driver.putContent(`${layout.repository(name)}/_layers/link`, 'x');
  return driver;
}

describe('CatalogIndex', () => {
  it('pages with n and last, including a last that is not a repository', async () => {
    const index = new CatalogIndex(await driverWith(['b', 'a/x', 'c', 'a-b']));
    expect(await index.page(2)).toEqual({ names: ['a-b', 'a/x'], more: true });
    expect(await index.page(2, 'a/x')).toEqual({ names: ['b', 'c'], more: false });
    expect(await index.page(5, 'a/y')).toEqual({ names: ['b', 'c'], more: false });
    expect(await index.page(0)).toEqual({ names: [], more: true });
  });

  it.each([1, 2, 3, 5])('walks every name in string order with pages of %i', async (size) => {
    const names = ['a', 'a-c', 'a.b', 'a/b', 'a/b/c', 'a/b-c', 'a0', 'a_b', 'b/a/a/a', 'z9/z'];
    const index = new CatalogIndex(await driverWith(names));
    const seen: string[] = [];
    let last: string | undefined;
    for (;;) {
      const page = await index.page(size, last);
      seen.push(...page.names);
      if (!page.more) break;
      last = page.names[page.names.length - 1];
    }
    expect(seen).toEqual([...names].sort());
  });

  it('shows noted repositories at once, in order, without duplicates', async () => {
    const index = new CatalogIndex(await driverWith(['m']));
    await index.page(10);
    index.note('a');
    index.note('z');
    index.note('m');
    expect((await index.page(10)).names).toEqual(['a', 'm', 'z']);
  });

  it('picks up changes made by others once the walk is older than its max age', async () => {
    const driver = await driverWith(['one']);
    const index = new CatalogIndex(driver, 0);
    expect((await index.page(10)).names).toEqual(['one']);
    await driver.putContent(`${layout.repository('two')}/_layers/link`, 'x');
    await driver.delete(layout.repository('one'));
    await index.page(10); // serves the old walk and starts a new one
    await new Promise((r) => setTimeout(r, 100));
    expect((await index.page(10)).names).toEqual(['two']);
  });
});
