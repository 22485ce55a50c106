// `npm test`: type check and lint every project (nx), run every test (jest, one process so the
// e2e daemons never compete), then print the counts as the closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const summaryFile = join(root, 'dist', 'test-summary.json');
rmSync(summaryFile, { force: true });

const checks = run(bin('nx'), ['run-many', '-t', 'build', 'lint', '--output-style=stream']);
if (checks !== 0) {
  console.error('npm test: build or lint failed');
  process.exit(checks);
}
const jest = run(bin('jest'), ['--runInBand', ...process.argv.slice(2)]);
if (existsSync(summaryFile)) {
  const { passed, failed, skipped } = JSON.parse(readFileSync(summaryFile, 'utf8'));
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}
process.exit(jest);
