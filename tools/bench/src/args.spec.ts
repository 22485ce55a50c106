import { labelsFor, parseCli } from './args';

describe('parseCli', () => {
  it('defaults to three full runs of ours against docker-registry', () => {
    const cli = parseCli([]);
    expect(cli).toMatchObject({ quick: false, runs: 3, pair: ['ours', 'docker'], registryMain: 'dist/apps/registry/main.js' });
  });
  it('reads every option', () => {
    const cli = parseCli(['--quick', '--runs', '5', '--pair', 'docker,ours', '--json', 'o.json', '--markdown', 'o.md', '--scenarios', 'catalog, tag-list']);
    expect(cli).toMatchObject({ quick: true, runs: 5, pair: ['docker', 'ours'], json: 'o.json', markdown: 'o.md', scenarios: ['catalog', 'tag-list'] });
  });
  it('maps --self-test to two docker-registry instances', () => {
    expect(parseCli(['--self-test']).pair).toEqual(['docker', 'docker']);
  });
  it('maps --stack to our whole stack against docker-registry with htpasswd', () => {
    expect(parseCli(['--stack']).pair).toEqual(['stack', 'docker-auth']);
    expect(parseCli(['--pair', 'stack,docker']).pair).toEqual(['stack', 'docker']);
    expect(parseCli([])).toMatchObject({ coreMain: 'dist/apps/core/main.js', proxyMain: 'dist/apps/proxy/main.js' });
  });
  it('rejects bad values', () => {
    expect(() => parseCli(['--runs', '0'])).toThrow(/--runs/);
    expect(() => parseCli(['--pair', 'ours'])).toThrow(/--pair/);
    expect(() => parseCli(['--pair', 'ours,zot'])).toThrow(/--pair/);
    expect(() => parseCli(['--self-test', '--pair', 'ours,docker'])).toThrow(/exclude/);
    expect(() => parseCli(['--stack', '--pair', 'ours,docker'])).toThrow(/exclude/);
    expect(() => parseCli(['--bogus'])).toThrow();
  });
});

describe('labelsFor', () => {
  it('names the two sides, with A/B when they are the same kind', () => {
    expect(labelsFor(['ours', 'docker'])).toEqual(['ours', 'docker-registry']);
    expect(labelsFor(['docker', 'docker'])).toEqual(['docker-registry A', 'docker-registry B']);
    expect(labelsFor(['stack', 'docker-auth'])).toEqual(['ours (stack)', 'docker-registry (htpasswd)']);
  });
});
