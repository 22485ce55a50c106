import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TemplateFunction } from './exec';
import { toText } from './values';

// sprig's generators (genCA, genSelfSignedCert, randAlphaNum) and Helm's lookup. The
// certificates come from the openssl command line: a real RSA-2048 key and X.509 certificate,
// as sprig makes them, in PEM ("Cert" and "Key" fields, as sprig's certificate objects have).

export interface Certificate {
  Cert: string;
  Key: string;
}

/** A cluster object `lookup` can find: apiVersion, kind, metadata.namespace and metadata.name. */
export interface ClusterObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [field: string]: unknown;
}

function openssl(days: number, subject: string, extensions: string[]): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'helm-render-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const ext = extensions.flatMap((e) => ['-addext', e]);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', String(days), '-subj', subject, ...ext], { stdio: ['ignore', 'ignore', 'pipe'] });
    return { Cert: readFileSync(cert, 'utf8'), Key: readFileSync(key, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const subjectOf = (cn: unknown) => `/CN=${toText(cn).replace(/[/\\]/g, '')}`;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `lookup` finds objects in `cluster`; with none given it answers an empty map, as
 * `helm template` and `--dry-run` do, so the chart takes its first-install path.
 */
export function generatorFunctions(cluster: ClusterObject[] = []): Record<string, TemplateFunction> {
  return {
    genCA: ([cn, days]) => openssl(Number(days), subjectOf(cn), ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,digitalSignature,keyCertSign']),
    genSelfSignedCert: ([cn, ips, dns, days]) => {
      const names = [...list(ips).map((ip) => `IP:${toText(ip)}`), ...list(dns).map((d) => `DNS:${toText(d)}`)];
      return openssl(Number(days), subjectOf(cn), names.length > 0 ? [`subjectAltName=${names.join(',')}`] : []);
    },
    randAlphaNum: ([n]) => Array.from({ length: Number(n) }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join(''),
    lookup: ([apiVersion, kind, namespace, name]) => {
      const found = cluster.find(
        (o) => o.apiVersion === apiVersion && o.kind === kind && (o.metadata.namespace ?? '') === toText(namespace) && o.metadata.name === toText(name),
      );
      return found ? structuredClone(found) : {};
    },
  };
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
