import { resolve } from 'node:path';
import { renderChart } from './chart/render';

// helm-render <chart-dir> [-f values.yaml]... [--name release] [--namespace ns] [--notes]
// Prints the manifests as `helm template` does, for the chart subset README.md describes.

function main(argv: string[]): void {
  const files: string[] = [];
  let chartDir: string | undefined;
  let name: string | undefined;
  let namespace: string | undefined;
  let notes = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-f' || arg === '--values') files.push(resolve(need(argv, ++i, arg)));
    else if (arg === '--name') name = need(argv, ++i, arg);
    else if (arg === '--namespace' || arg === '-n') namespace = need(argv, ++i, arg);
    else if (arg === '--notes') notes = true;
    else if (!arg.startsWith('-') && chartDir === undefined) chartDir = resolve(arg);
    else usage(`unexpected argument ${arg}`);
  }
  if (!chartDir) usage('name the chart directory');
  const chart = renderChart(chartDir, { valuesFiles: files, release: { name, namespace } });
  for (const doc of chart.documents) process.stdout.write(`---\n# Source: ${doc.source}\n${doc.text.replace(/\n*$/, '\n')}`);
  if (notes) process.stdout.write(`\nNOTES:\n${chart.notes}\n`);
}

function need(argv: string[], i: number, flag: string): string {
  return argv[i] ?? usage(`${flag} expects a value`);
}

function usage(problem: string): never {
  process.stderr.write(`helm-render: ${problem}\nusage: helm-render <chart-dir> [-f values.yaml]... [--name release] [--namespace ns] [--notes]\n`);
  process.exit(2);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`helm-render: ${(err as Error).message}\n`);
  process.exit(1);
}
