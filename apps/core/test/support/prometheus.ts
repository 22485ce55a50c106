import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../proxy/test/support/upstream';

export interface ScrapeJob {
  name: string;
  /** host:port */
  target: string;
  path: string;
  params?: Record<string, string>;
}

export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface TestPrometheus {
  url: string;
  /** An instant query through the HTTP API (/api/v1/query). */
  query(promql: string): Promise<PrometheusSample[]>;
  /** Polls `query` until `accept` holds, or fails after `timeoutMs`. */
  until(promql: string, accept: (samples: PrometheusSample[]) => boolean, timeoutMs?: number): Promise<PrometheusSample[]>;
  stop(): Promise<void>;
}

/**
 * Debian's prometheus on a free loopback port with a temporary TSDB, scraping `jobs` every
 * second. stop() ends the process and removes its directory.
 */
export async function startPrometheus(jobs: ScrapeJob[]): Promise<TestPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'prometheus-test-'));
  await writeFile(join(dir, 'prometheus.yml'), configYaml(jobs));
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }
  const query = async (promql: string) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as { status: string; data: { resultType: string; result: PrometheusSample[] } };
    if (body.status !== 'success') throw new Error(`query ${promql} failed: ${JSON.stringify(body)}`);
    return body.data.result;
  };
  return {
    url,
    query,
    async until(promql, accept, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const samples = await query(promql);
        if (accept(samples)) return samples;
        if (Date.now() > deadline) throw new Error(`prometheus: ${promql} never matched; last answer ${JSON.stringify(samples)}`);
        await new Promise((ok) => setTimeout(ok, 250));
      }
    },
    stop,
  };
}

function configYaml(jobs: ScrapeJob[]): string {
  const lines = ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', 'scrape_configs:'];
  for (const job of jobs) {
    lines.push(`  - job_name: ${JSON.stringify(job.name)}`, `    metrics_path: ${JSON.stringify(job.path)}`);
    if (job.params) {
      lines.push('    params:');
      for (const [k, v] of Object.entries(job.params)) lines.push(`      ${k}: [${JSON.stringify(v)}]`);
    }
    lines.push('    static_configs:', `      - targets: [${JSON.stringify(job.target)}]`);
  }
  return `${lines.join('\n')}\n`;
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr()}`);
    const ready = await fetch(`${url}/-/ready`).then((r) => r.status === 200, () => false);
    if (ready) return;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`prometheus did not become ready: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
