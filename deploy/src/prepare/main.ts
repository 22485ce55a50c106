import { ConfigError, type HarborConfig, loadConfig } from '@harbor-ts/config';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { applyComposeSetup, composeSetup, CONTAINER_UID, secretDirectory, shellAssignments } from './compose-env';
import { localEndpoints, unreachable } from './reachability';
import { ensureSecrets } from './secrets';

// Harbor's `prepare`: validate harbor.yml, then create what must exist before the first start.
// Usage: prepare [--config harbor.yml] [--check-local-services] [--compose-env <file>]
//   --check-local-services  PostgreSQL and Redis must accept connections (the non-Docker path)
//   --compose-env <file>    also set data_volume up for docker-compose.yml and write its variables
// Exit codes: 2 invalid configuration, 3 a service is not reachable; nothing is written in either case.

const EXIT_INVALID = 2;
const EXIT_UNREACHABLE = 3;

interface Options {
  checkLocalServices: boolean;
  composeEnv?: string;
}

async function main(argv: string[]): Promise<number> {
  const options: Options = { checkLocalServices: argv.includes('--check-local-services'), composeEnv: valueOf(argv, '--compose-env') };
  const loaded = load(argv);
  if (!loaded) return EXIT_INVALID;
  const { config, source } = loaded;
  if (options.checkLocalServices) {
    const down = await unreachable(localEndpoints(config));
    for (const { endpoint, reason } of down) {
      say(`${endpoint.name} is not reachable at ${endpoint.host}:${endpoint.port} (${endpoint.keys}): ${reason}`);
    }
    if (down.length > 0) return EXIT_UNREACHABLE;
  }
  for (const { file, created } of await ensureSecrets(config)) say(`${created ? 'created' : 'kept'} ${file}`);
  if (options.composeEnv) await writeComposeEnv(config, source, options.composeEnv);
  say(`harbor.yml is valid; data_volume ${config.data_volume} is ready`);
  return 0;
}

function load(argv: string[]): { config: HarborConfig; source: string } | undefined {
  try {
    const { config, warnings, source } = loadConfig({ argv });
    if (!source) {
      say('no harbor.yml here and no --config given: copy harbor.yml.tmpl to harbor.yml and edit it');
      return undefined;
    }
    for (const warning of warnings) say(`warning: ${warning}`);
    return { config, source };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    say(`the configuration is not valid; nothing was changed\n${err.message}`);
    return undefined;
  }
}

async function writeComposeEnv(config: HarborConfig, configFile: string, target: string): Promise<void> {
  // As root, data_volume goes to the images' user; otherwise the containers run as the caller.
  const root = process.getuid?.() === 0;
  const uid = root ? CONTAINER_UID : (process.getuid?.() ?? CONTAINER_UID);
  const gid = root ? CONTAINER_UID : (process.getgid?.() ?? CONTAINER_UID);
  const setup = composeSetup(config, configFile, uid, gid);
  await applyComposeSetup(setup, secretDirectory(config), uid, gid);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `# Written by ./prepare from ${configFile}; ./install.sh sources it before docker compose.\n${shellAssignments(setup.variables)}`, { mode: 0o600 });
  say(`wrote the docker compose variables to ${target}`);
}

function valueOf(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

function say(message: string): void {
  process.stderr.write(`prepare: ${message}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
