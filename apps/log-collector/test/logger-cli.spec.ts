import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { logger, startTestCollector, type TestCollector, until } from './support/collector';

// util-linux logger(1) as a real sender: UDP and TCP, RFC 5424 (its default) and RFC 3164.
let collector: TestCollector;
beforeAll(async () => {
  collector = await startTestCollector();
});
afterAll(async () => collector.close());

const target = () => ['-n', '127.0.0.1', '-P', String(collector.port)];

describe('messages from logger(1)', () => {
  it.each([
    ['UDP, RFC 5424', ['-d', '--rfc5424'], 'udp5424'],
    ['UDP, RFC 3164', ['-d', '--rfc3164'], 'udp3164'],
    ['TCP, RFC 5424, newline framing', ['-T', '--rfc5424'], 'tcp5424'],
    ['TCP, RFC 3164, newline framing', ['-T', '--rfc3164'], 'tcp3164'],
    ['TCP, RFC 5424, octet counting', ['-T', '--rfc5424', '--octet-count'], 'tcpoctet'],
    ['UDP, default format', ['-d'], 'udpdefault'],
  ])('%s lands in <tag>.log', async (_name, flags, tag) => {
    await logger([...target(), ...flags, '-t', tag, `hello from ${tag}`]);
    await logger([...target(), ...flags, '-t', tag, '-i', `second from ${tag}`]);
    const lines = await until(() => collector.lines(`${tag}.log`), (l) => l.length === 2);
    expect(lines[0]).toMatch(new RegExp(`^\\S+ \\S+ ${tag}: hello from ${tag}$`));
    expect(lines[1]).toMatch(new RegExp(`^\\S+ \\S+ ${tag}\\[\\d+\\]: second from ${tag}$`));
  });

  it('keeps services apart and sanitises a tag that tries to leave the directory', async () => {
    await logger([...target(), '-T', '-t', '../../evil', 'escape attempt']);
    await logger([...target(), '-d', '--rfc3164', '-t', '.hidden', 'dot file attempt']);
    const files = await until(() => collector.files(), (f) => f.includes('_.._evil.log') && f.includes('hidden.log'));
    expect(files.filter((f) => f.startsWith('.'))).toEqual([]);
    expect(existsSync(join(collector.dir, '..', '..', 'evil.log'))).toBe(false);
    expect(await collector.lines('_.._evil.log')).toEqual([expect.stringMatching(/ \.\.\/\.\.\/evil: escape attempt$/)]);
    expect(await collector.lines('hidden.log')).toEqual([expect.stringMatching(/ \.hidden: dot file attempt$/)]);
  });
});
