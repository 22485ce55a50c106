// `bench`: our registry against distribution's docker-registry, side by side on loopback.
// Progress goes to stderr, the table to stdout, and --json / --markdown to files.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliOptions, labelsFor, parseCli, USAGE } from './args';
import { killAll } from './launch';
import { jsonReport, markdownTable, textTable } from './report';
import { BenchMeta, BenchResult, peakResult, scenarioResult } from './results';
import { runBench, RunnerOutput } from './runner';
import { FULL, QUICK, Scale } from './scale';
import { removeLeftovers } from './stack-db';
import { Scenario, SCENARIOS } from './scenarios';
import { checkTargets, STACK_TARGETS } from './targets';
import { runGcCommand } from './gc/gc-command';
import { RegistryKind } from './launch';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** The scenarios asked for that at least one registry of the pair can run. */
function selectScenarios(ids: readonly string[] | undefined, pair: readonly RegistryKind[]): readonly Scenario[] {
  const runnable = SCENARIOS.filter((s) => pair.some((kind) => s.supports?.(kind) ?? true));
  if (!ids) return runnable;
  const unknown = ids.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')} (see --list)`);
  return runnable.filter((s) => ids.includes(s.id));
}

const STACK_NOTES = [
  'ours (stack) = proxy -> core -> registry from one generated harbor.yml, token auth, its own PostgreSQL database and Redis key prefix; clients authenticate as docker does (GET /v2/, then one Bearer token per repository scope per scenario, from /service/token with Basic admin credentials); blob GET/HEAD with a token go from the proxy straight to the registry, everything else through core.',
  'docker-registry (htpasswd) gets Basic credentials on every request and checks them against a bcrypt htpasswd file (`htpasswd -B`).',
  "Stack server CPU = proxy + core + registry + the PostgreSQL backends serving the stack's database (Redis not counted); peak RSS and VmHWM = the three Node processes summed.",
  'Artifact rows for the artifact list are inserted with SQL before timing; token issuance and the artifact list have no docker-registry counterpart (n/a).',
];

function version(bin: string): string {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim().split(' ').slice(-1)[0];
  } catch {
    return 'unknown';
  }
}

function meta(cli: CliOptions, scale: Scale): BenchMeta {
  const cpu = os.cpus();
  return {
    date: new Date().toISOString(),
    scale: scale.name,
    runs: cli.runs,
    labels: labelsFor(cli.pair),
    host: `${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}`,
    versions: { node: process.version, 'docker-registry': version(cli.dockerRegistry) },
    notes: [
      'Both servers run on 127.0.0.1 with filesystem storage in a fresh temp dir per run; the bench client shares the machine.',
      'Fixtures (tags, repositories, the pulled image) are built through the API before timing; `sync` runs before each timed scenario.',
      'Server CPU = utime+stime delta from /proc/<pid>/stat over the scenario, divided by CLK_TCK.',
      ...(cli.pair.includes('stack') ? STACK_NOTES : []),
    ],
  };
}

function assemble(cli: CliOptions, scale: Scale, scenarios: readonly Scenario[], out: RunnerOutput): BenchResult {
  const m = meta(cli, scale);
  const results = scenarios.map((s, i) =>
    scenarioResult({ id: s.id, title: s.title(scale), unit: s.unit, a: out.measurements[i][0], b: out.measurements[i][1] }, m.labels),
  );
  return {
    meta: m,
    scenarios: results,
    wholeRunPeakRssMiB: { a: peakResult(out.hwm[0]), b: peakResult(out.hwm[1]) },
    ...(cli.pair[0] === 'stack' ? { targets: checkTargets(results, STACK_TARGETS) } : {}),
  };
}

function installCleanup(workDir: string, keep: boolean): void {
  process.on('exit', () => {
    killAll();
    removeLeftovers(log);
    if (keep) log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      log(`\n${signal}: stopping the registries`);
      process.exit(code);
    });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const cli = parseCli(argv);
  const scale = cli.quick ? QUICK : FULL;
  if (cli.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const scenarios = selectScenarios(cli.scenarios, cli.pair);
  if (cli.list) {
    process.stdout.write(scenarios.map((s) => `${s.id.padEnd(22)} ${s.title(scale)}\n`).join(''));
    return 0;
  }
  if (cli.gc) return gcMain(cli);
  const bundles = [cli.pair.some((k) => k === 'ours' || k === 'stack') && cli.registryMain, ...(cli.pair.includes('stack') ? [cli.coreMain, cli.proxyMain] : [])];
  for (const bundle of bundles) if (bundle && !existsSync(bundle)) throw new Error(`${bundle} not found: build it first (npx nx run-many -t build -p core,registry,proxy,bench)`);
  const workDir = mkdtempSync(path.join(cli.tmp ?? os.tmpdir(), 'harbor-bench-'));
  installCleanup(workDir, cli.keep);
  const started = Date.now();
  const labels = labelsFor(cli.pair);
  const stackMains = { core: cli.coreMain, registry: cli.registryMain, proxy: cli.proxyMain };
  const launch = { ourMain: cli.registryMain, dockerBin: cli.dockerRegistry, stackMains };
  const out = await runBench({ scale, runs: cli.runs, pair: cli.pair, labels, scenarios, launch, workDir, keep: cli.keep, log });
  const result = assemble(cli, scale, scenarios, out);
  process.stdout.write(`\n${textTable(result)}\n`);
  if (cli.json) writeFileSync(cli.json, jsonReport(result));
  if (cli.markdown) writeFileSync(cli.markdown, markdownTable(result));
  log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

async function gcMain(cli: CliOptions): Promise<number> {
  if (!existsSync(cli.registryctlMain)) throw new Error(`${cli.registryctlMain} not found: build it first (npx nx run-many -t build -p registryctl,bench)`);
  const workDir = mkdtempSync(path.join(cli.tmp ?? os.tmpdir(), 'harbor-bench-gc-'));
  installCleanup(workDir, cli.keep);
  process.stdout.write(`\n${await runGcCommand({ quick: cli.quick, registryctlMain: cli.registryctlMain, dockerBin: cli.dockerRegistry, workDir, log })}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) log(`\n${USAGE}`);
    process.exit(1);
  },
);
