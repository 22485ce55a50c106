import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import { Executor } from '../template/exec';
import { coreFunctions } from '../template/functions';
import { type ClusterObject, generatorFunctions } from '../template/generators';
import { parseTemplate, type ParsedTemplate } from '../template/parse';
import { mergeValues, readYamlMap, type Values } from './values';

// `helm template` for one chart without dependencies: values.yaml coalesced with the given
// values files and objects, every templates/*.yaml rendered (files starting with `_` only
// define), the output split into YAML documents and parsed, and NOTES.txt rendered apart.

export interface RenderOptions {
  /** Values files, applied in order over the chart's values.yaml (helm -f). */
  valuesFiles?: string[];
  /** Values applied after the files (what --set would give). */
  values?: Values[];
  release?: { name?: string; namespace?: string; isUpgrade?: boolean };
  /** Objects `lookup` finds, as if already in the cluster (an upgrade). None: a first install. */
  cluster?: ClusterObject[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface RenderedDocument {
  /** templates/<file> the document came from. */
  source: string;
  /** The document's text as rendered (what `helm template` prints). */
  text: string;
  object: KubeObject;
}

export interface RenderedChart {
  values: Values;
  documents: RenderedDocument[];
  objects: KubeObject[];
  notes: string;
}

export function renderChart(chartDir: string, opts: RenderOptions = {}): RenderedChart {
  const chart = readYamlMap(join(chartDir, 'Chart.yaml'));
  let values = readYamlMap(join(chartDir, 'values.yaml'));
  for (const file of opts.valuesFiles ?? []) values = mergeValues(values, readYamlMap(file));
  for (const extra of opts.values ?? []) values = mergeValues(values, extra);

  const dir = join(chartDir, 'templates');
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|tpl|txt)$/.test(f)).sort();
  const templates = files.map((f) => parseTemplate(`${String(chart.name)}/templates/${f}`, readFileSync(join(dir, f), 'utf8')));
  const executor = new Executor(templates, { ...coreFunctions, ...generatorFunctions(opts.cluster) });
  const data = (t: ParsedTemplate) => ({
    Values: values,
    Release: {
      Name: opts.release?.name ?? 'harbor',
      Namespace: opts.release?.namespace ?? 'default',
      Service: 'Helm',
      IsInstall: !opts.release?.isUpgrade,
      IsUpgrade: Boolean(opts.release?.isUpgrade),
      Revision: opts.release?.isUpgrade ? 2 : 1,
    },
    Chart: chartMetadata(chart),
    Template: { Name: t.name, BasePath: `${String(chart.name)}/templates` },
  });

  const documents: RenderedDocument[] = [];
  let notes = '';
  for (const t of templates) {
    const file = basename(t.name);
    if (file.startsWith('_')) continue;
    const output = executor.render(t, data(t));
    if (file === 'NOTES.txt') notes = output;
    else documents.push(...splitDocuments(t.name, output));
  }
  return { values, documents, objects: documents.map((d) => d.object), notes };
}

/** Chart.yaml's fields under the names templates see (.Chart.Name, .Chart.AppVersion, ...). */
function chartMetadata(chart: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(chart)) out[key === 'apiVersion' ? 'APIVersion' : key[0].toUpperCase() + key.slice(1)] = value;
  return out;
}

function splitDocuments(source: string, output: string): RenderedDocument[] {
  const docs: RenderedDocument[] = [];
  for (const text of output.split(/^---[ \t]*$/m)) {
    // YAML 1.1, as Kubernetes reads manifests: an unquoted `off` or `yes` is a boolean there.
    const doc = parseDocument(text, { version: '1.1' });
    if (doc.errors.length > 0) throw new Error(`${source}: the rendered YAML does not parse: ${doc.errors[0].message}\n${text}`);
    const object: unknown = doc.toJS();
    if (object === null || object === undefined) continue;
    if (typeof object !== 'object' || !('kind' in object) || !('apiVersion' in object)) {
      throw new Error(`${source}: a rendered document is not a Kubernetes object:\n${text}`);
    }
    docs.push({ source, text: text.replace(/^\s*\n/, ''), object: object as KubeObject });
  }
  return docs;
}
