// Installs npm dependencies on a fresh clone, so `npm start` and `npm test` work as the first
// command. A no-op when node_modules matches package-lock.json.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.log('Installing npm dependencies (npm ci)...');
  // npm 11 can call the lock out of sync over optional platform packages (msgpackr-extract).
  try {
    execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  } catch {
    execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  }
}
