// Command-line options of the bench, parsed and validated once into a frozen object.
import { parseArgs } from 'node:util';
import { RegistryKind } from './launch';

export interface CliOptions {
  readonly help: boolean;
  readonly list: boolean;
  readonly quick: boolean;
  readonly runs: number;
  readonly pair: readonly [RegistryKind, RegistryKind];
  readonly scenarios: readonly string[] | undefined;
  readonly json: string | undefined;
  readonly markdown: string | undefined;
  readonly registryMain: string;
  readonly coreMain: string;
  readonly proxyMain: string;
  readonly dockerRegistry: string;
  readonly tmp: string | undefined;
  readonly keep: boolean;
  readonly gc: boolean;
  readonly registryctlMain: string;
}

export const USAGE = `Usage: node dist/tools/bench/main.js [options]

Runs our registry and distribution's docker-registry side by side on 127.0.0.1 through the same
scenarios and prints the median of each figure with the ratio.

  --quick                 scaled-down scenarios (32 MiB blobs, 100 pushes, 500 tags...): < 1 min
  --runs N                runs, alternating which registry goes first (default 3)
  --pair A,B              registries to compare, each ours|docker|stack|docker-auth
                          (default ours,docker: our registry alone against docker-registry)
  --stack                 same as --pair stack,docker-auth: our whole stack (proxy, core,
                          registry; token auth, PostgreSQL, Redis) against docker-registry with
                          htpasswd auth, plus token issuance and the artifact list of a project
                          holding 10,000 artifacts, checked against the issue's targets
  --self-test             same as --pair docker,docker: shows the noise floor
  --scenarios ID,ID       only these scenarios (see --list)
  --json FILE             write the results as JSON
  --markdown FILE         write the table as markdown (for BENCHMARKS.md)
  --registry-main FILE    our registry's bundle (default dist/apps/registry/main.js)
  --core-main FILE        core's bundle, for the stack (default dist/apps/core/main.js)
  --proxy-main FILE       the proxy's bundle, for the stack (default dist/apps/proxy/main.js)
  --docker-registry BIN   distribution's binary (default /usr/bin/docker-registry)
  --tmp DIR               where to create the registries' storage (default the OS temp dir)
  --keep                  keep the storage directories and server logs
  --gc                    the GC benchmark instead: our GC (registryctl + GC job) against
                          docker-registry garbage-collect on the same 10,000 artifacts
                          (1,000 with --quick)
  --registryctl-main FILE registryctl's bundle, for --gc (default dist/apps/registryctl/main.js)
  --list                  list the scenario ids and exit
  -h, --help              show this help
`;

const KINDS: readonly RegistryKind[] = ['ours', 'docker', 'stack', 'docker-auth'];

function parsePair(text: string): [RegistryKind, RegistryKind] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 2 || !parts.every((p): p is RegistryKind => (KINDS as string[]).includes(p))) {
    throw new Error(`--pair wants two of ${KINDS.join('|')} separated by a comma, got "${text}"`);
  }
  return [parts[0], parts[1]];
}

function parseRuns(text: string): number {
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1 || runs > 99) throw new Error(`--runs wants an integer from 1 to 99, got "${text}"`);
  return runs;
}

export function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      list: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
      pair: { type: 'string' },
      'self-test': { type: 'boolean', default: false },
      stack: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      json: { type: 'string' },
      markdown: { type: 'string' },
      'registry-main': { type: 'string', default: 'dist/apps/registry/main.js' },
      'core-main': { type: 'string', default: 'dist/apps/core/main.js' },
      'proxy-main': { type: 'string', default: 'dist/apps/proxy/main.js' },
      'docker-registry': { type: 'string', default: '/usr/bin/docker-registry' },
      tmp: { type: 'string' },
      keep: { type: 'boolean', default: false },
      gc: { type: 'boolean', default: false },
      'registryctl-main': { type: 'string', default: 'dist/apps/registryctl/main.js' },
    },
  });
  const shortcuts = [values.pair && '--pair', values['self-test'] && '--self-test', values.stack && '--stack'].filter(Boolean);
  if (shortcuts.length > 1) throw new Error(`${shortcuts.join(' and ')} exclude each other`);
  return Object.freeze({
    help: values.help,
    list: values.list,
    quick: values.quick,
    runs: parseRuns(values.runs),
    pair: parsePair(values['self-test'] ? 'docker,docker' : values.stack ? 'stack,docker-auth' : (values.pair ?? 'ours,docker')),
    scenarios: values.scenarios?.split(',').map((s) => s.trim()).filter(Boolean),
    json: values.json,
    markdown: values.markdown,
    registryMain: values['registry-main'],
    coreMain: values['core-main'],
    proxyMain: values['proxy-main'],
    dockerRegistry: values['docker-registry'],
    tmp: values.tmp,
    keep: values.keep,
    gc: values.gc,
    registryctlMain: values['registryctl-main'],
  });
}

/** Column labels; two registries of one kind get A and B suffixes. */
export function labelsFor(pair: readonly [RegistryKind, RegistryKind]): [string, string] {
  const names: Record<RegistryKind, string> = { ours: 'ours', docker: 'docker-registry', stack: 'ours (stack)', 'docker-auth': 'docker-registry (htpasswd)' };
  const name = (kind: RegistryKind): string => names[kind];
  return pair[0] === pair[1] ? [`${name(pair[0])} A`, `${name(pair[1])} B`] : [name(pair[0]), name(pair[1])];
}
