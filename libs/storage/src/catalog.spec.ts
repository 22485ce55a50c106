import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkRepositoryNames } from './catalog';
import { FilesystemDriver } from './fs/filesystem-driver';
import { layout } from './layout';

describe('walkRepositoryNames', () => {
  it('finds every repository, nested ones included, and nothing else', async () => {
    const names = ['a', 'a-c', 'a.b', 'a/b', 'a/b/c', 'a/b-c', 'a0', 'a_b', 'b/a/a/a', 'z9/z'];
    const driver = new FilesystemDriver({ rootDirectory: await mkdtemp(join(tmpdir(), 'catalog-')) });
    for (const name of names) await driver.putContent(`${layout.repository(name)}/_layers/link`, 'x');
    await driver.putContent(`${layout.repository('only/uploads')}/_uploads/x/data`, '');
    expect((await walkRepositoryNames(driver)).sort()).toEqual([...names].sort());
  });

  it('answers an empty list for empty storage', async () => {
    const driver = new FilesystemDriver({ rootDirectory: await mkdtemp(join(tmpdir(), 'catalog-')) });
    expect(await walkRepositoryNames(driver)).toEqual([]);
  });
});
