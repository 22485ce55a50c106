import { mkdtemp, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemDriver } from './fs/filesystem-driver';
import { layout } from './layout';
import { TagListCache } from './tag-list-cache';
import { TagStore } from './tag-store';

describe('tag list cache', () => {
  it('serves a quiet directory from memory and sees changes made by another process', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tags-'));
    const driver = new FilesystemDriver({ rootDirectory: root });
    const cache = new TagListCache();
    const ours = new TagStore(driver, 'app', cache);
    const theirs = new TagStore(driver, 'app');
    await ours.tag('a', 'sha256:' + '1'.repeat(64));
    const tagsDir = join(root, layout.tags('app'));
    const past = new Date(Date.now() - 60_000);
    await utimes(tagsDir, past, past);
    expect(await ours.list()).toEqual(['a']);
    expect(cache.get('app', await driver.stat(layout.tags('app')))).toEqual(['a']);
    await theirs.tag('b', 'sha256:' + '2'.repeat(64));
    expect(await ours.list()).toEqual(['a', 'b']);
  });

  it('does not keep a list read right after the directory changed', async () => {
    const driver = new FilesystemDriver({ rootDirectory: await mkdtemp(join(tmpdir(), 'tags-')) });
    const cache = new TagListCache();
    const store = new TagStore(driver, 'app', cache);
    await store.tag('a', 'sha256:' + '1'.repeat(64));
    expect(await store.list()).toEqual(['a']);
    expect(cache.get('app', await driver.stat(layout.tags('app')))).toBeUndefined();
  });
});
