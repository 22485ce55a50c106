// `npm start`: runs the stack in the foreground with deploy/local/harbor.yml (data under ./data).
// For now the stack is the registry, serving the front door on http.port (8080).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const config = process.argv[2] ?? join(root, 'deploy', 'local', 'harbor.yml');
const { flags } = JSON.parse(readFileSync(join(root, 'apps', 'registry', 'node-flags.json'), 'utf8'));
const child = spawn(process.execPath, [...flags, join(root, 'dist', 'apps', 'registry', 'main.js'), '--config', config], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
