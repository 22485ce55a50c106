import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { Executor } from './exec';
import { coreFunctions } from './functions';
import { generatorFunctions } from './generators';
import { parseTemplate } from './parse';

// Expected outputs are what Helm 3 (Go text/template + sprig) prints for the same input.

function render(source: string, data: unknown = {}, helpers = ''): string {
  const main = parseTemplate('t.yaml', source);
  const partials = parseTemplate('_helpers.tpl', helpers);
  return new Executor([main, partials], { ...coreFunctions, ...generatorFunctions() }).render(main, data);
}

describe('actions and whitespace', () => {
  it('prints fields, literals and nothing for a missing key', () => {
    expect(render('{{ .a.b }}-{{ "x" }}-{{ 8080 }}-{{ true }}-{{ .missing }}|', { a: { b: 'v' } })).toBe('v-x-8080-true-|');
  });

  it('trims whitespace on the marked side only', () => {
    expect(render('a  \n  {{- "b" }}  \n{{ "c" -}}  \n  d')).toBe('ab  \ncd');
  });

  it('drops comments', () => {
    expect(render('x{{/* a comment */}}y{{- /* trimmed */ -}} z')).toBe('xyz');
  });

  it('fails on a nil inside a field chain, as Helm does', () => {
    expect(() => render('{{ .a.b.c }}', { a: {} })).toThrow(/t\.yaml:1: nil pointer evaluating interface \{\}\.c/);
  });

  it('prints large numbers the way Go prints a float64', () => {
    expect(render('{{ .n }} {{ .m }} {{ .f }}', { n: 1000000, m: 999999, f: 0.5 })).toBe('1e+06 999999 0.5');
  });
});

describe('control structures', () => {
  it('chains if / else if / else on Go truthiness', () => {
    const t = '{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}';
    expect([render(t, { a: 1 }), render(t, { a: 0, b: 'x' }), render(t, { a: [], b: {} })]).toEqual(['A', 'B', 'C']);
  });

  it('ranges over lists with index and over maps in key order', () => {
    expect(render('{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}', { l: ['a', 'b'] })).toBe('0=a;1=b;');
    expect(render('{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}', { m: { z: 1, a: 2 } })).toBe('a=2;z=1;');
    expect(render('{{ range .l }}{{ . }}{{ else }}none{{ end }}', { l: [] })).toBe('none');
  });

  it('rebinds the dot in with, and keeps $ as the root', () => {
    expect(render('{{ with .a }}{{ .b }}{{ $.top }}{{ end }}{{ with .no }}x{{ else }}y{{ end }}', { a: { b: 1 }, top: 't' })).toBe('1ty');
  });

  it('scopes variables to their block and lets = assign an outer one', () => {
    const t = '{{ $x := "outer" }}{{ if true }}{{ $x = "set" }}{{ $y := 1 }}{{ end }}{{ $x }}';
    expect(render(t)).toBe('set');
    expect(() => render('{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}')).toThrow(/undefined variable "\$y"/);
  });

  it('includes and templates defined partials with their own dot', () => {
    const helpers = '{{- define "name" -}}{{ .n }}-svc{{- end -}}';
    expect(render('{{ include "name" . | upper }} {{ template "name" .inner }}', { n: 'a', inner: { n: 'b' } }, helpers)).toBe('A-SVC b-svc');
  });

  it('evaluates and/or lazily, returning the deciding operand', () => {
    expect(render('{{ or .a "fallback" }} {{ and .x .x.y }}', { a: '' })).toBe('fallback ');
  });
});

describe('functions', () => {
  it('toYaml sorts keys and nindent indents every line', () => {
    expect(render('k:{{ toYaml .m | nindent 2 }}', { m: { b: 1, a: ['x'] } })).toBe('k:\n  a:\n  - x\n  b: 1');
  });

  it('quote, default, printf, trunc and trimSuffix behave as in sprig', () => {
    expect(render('{{ quote .p }} {{ default "d" .e }} {{ default "d" 0 }} {{ printf "%s-%d" "a" 5 }} {{ "abcdef-" | trunc 7 | trimSuffix "-" }}', { p: 'a"b', e: '' })).toBe(
      '"a\\"b" d d a-5 abcdef',
    );
  });

  it('required and fail stop the render with their message', () => {
    expect(() => render('{{ required "externalURL is required" .u }}')).toThrow(/externalURL is required/);
    expect(() => render('{{ fail "no" }}')).toThrow(/t\.yaml:1: error calling fail: no/);
  });

  it('eq compares against several values; lt refuses mixed types', () => {
    expect(render('{{ eq .t "a" "b" }} {{ ne 1 2 }} {{ lt 1 2 }}', { t: 'b' })).toBe('true true true');
    expect(() => render('{{ lt 1 "2" }}')).toThrow(/incompatible types/);
  });

  it('genCA makes a CA certificate for its own RSA key', () => {
    const out = render('{{ $ca := genCA "harbor-token-ca" 365 }}{{ $ca.Cert }}|{{ $ca.Key }}');
    const [cert, key] = out.split('|');
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe('CN=harbor-token-ca');
    expect(x509.ca).toBe(true);
    const publicOfKey = createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'der' });
    expect(x509.publicKey.export({ type: 'spki', format: 'der' })).toEqual(publicOfKey);
  });

  it('lookup finds nothing without a cluster', () => {
    expect(render('{{ $s := lookup "v1" "Secret" "ns" "x" }}{{ if $s }}found{{ else }}none{{ end }}')).toBe('none');
  });
});
