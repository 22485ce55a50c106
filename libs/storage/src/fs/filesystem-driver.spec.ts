import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDriverConformance } from '../testing/driver-conformance';
import { FilesystemDriver } from './filesystem-driver';

describeDriverConformance('filesystem', async () => {
  return new FilesystemDriver({ rootDirectory: await mkdtemp(join(tmpdir(), 'fsdriver-')) });
});

describe('FilesystemDriver', () => {
  it('keeps every file under its root, whatever the path', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'fsdriver-root-'));
    const driver = new FilesystemDriver({ rootDirectory: join(parent, 'root') });
    await driver.putContent('/inside', 'x');
    await expect(driver.putContent('/../outside', 'x')).rejects.toThrow('invalid storage path');
    expect(await readdir(parent)).toEqual(['root']);
  });

  it('leaves no temporary files behind after putContent', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fsdriver-tmp-'));
    const driver = new FilesystemDriver({ rootDirectory: root });
    await Promise.all(Array.from({ length: 20 }, (_, i) => driver.putContent('/same', `v${i}`)));
    expect(await readdir(root)).toEqual(['same']);
  });
});
