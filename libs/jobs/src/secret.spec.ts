import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInternalSecret, isSecretHeader, readInternalSecret, secretHeader } from './secret';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'secret-test-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test('ensureInternalSecret creates a 0600 secret once and returns the same one after', async () => {
  const file = join(dir, 'secret', 'internal', 'secret');
  const first = await ensureInternalSecret(file);
  expect(first).toMatch(/^[0-9a-f]{64}$/);
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(await ensureInternalSecret(file)).toBe(first);
  expect(await Promise.all([ensureInternalSecret(file), ensureInternalSecret(file)])).toEqual([first, first]);
  expect((await readFile(file, 'utf8')).trim()).toBe(first);
});

test('an operator-provided secret is kept; an empty file is refused', async () => {
  const file = join(dir, 'secret');
  await writeFile(file, 'mine\n');
  expect(await ensureInternalSecret(file)).toBe('mine');
  await writeFile(file, '\n');
  await expect(readInternalSecret(file)).rejects.toThrow(/is empty/);
});

test('isSecretHeader accepts exactly "Harbor-Secret <secret>"', () => {
  expect(isSecretHeader(secretHeader('s3'), 's3')).toBe(true);
  for (const header of [undefined, '', 'Harbor-Secret', 'Harbor-Secret s4', 'Harbor-Secret s3 ', 'Bearer s3', 'harbor-secret s3']) {
    expect(isSecretHeader(header, 's3')).toBe(false);
  }
});
