import { expiresIn, formatSize, formatTime, shortDigest } from '../../web/src/ui/format';
import { pullCommand, repositoryPathParam, repositoryUrl } from '../../web/src/urls';

describe('formatting', () => {
  it('prints sizes in binary units with two decimals, as Harbor', () => {
    expect(formatSize(710)).toBe('710B');
    expect(formatSize(1536)).toBe('1.50KiB');
    expect(formatSize(5 * 1024 ** 3)).toBe('5.00GiB');
    expect(formatSize(-1)).toBe('');
  });

  it('leaves Go\'s zero time and unparsable times empty', () => {
    expect(formatTime('0001-01-01T00:00:00.000Z')).toBe('');
    expect(formatTime('not a time')).toBe('');
    expect(formatTime('2024-06-21T14:33:00Z')).toContain('2024');
  });

  it('shortens digests to the algorithm and 8 hex digits', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababab');
  });

  it('counts a robot\'s remaining days up, so a fresh 30-day robot shows 30', () => {
    const now = Date.UTC(2024, 0, 1);
    expect(expiresIn(-1, now)).toBe('Never Expires');
    expect(expiresIn(now / 1000 + 30 * 86_400 - 5, now)).toBe('30 days');
    expect(expiresIn(now / 1000 + 3600, now)).toBe('1 day');
    expect(expiresIn(now / 1000 - 1, now)).toBe('Expired');
  });
});

describe('URLs', () => {
  it('encodes a repository twice in API paths and once in portal routes', () => {
    expect(repositoryPathParam('apps', 'apps/tools/hello')).toBe('tools%252Fhello');
    expect(repositoryPathParam('apps', 'apps/hello')).toBe('hello');
    expect(repositoryUrl(3, 'apps', 'apps/tools/hello')).toBe('/harbor/projects/3/repositories/tools%2Fhello/artifacts-tab');
  });

  it('builds the pull-by-digest command', () => {
    expect(pullCommand('harbor.example:8443', 'apps/hello', 'sha256:00ff')).toBe('docker pull harbor.example:8443/apps/hello@sha256:00ff');
  });
});
