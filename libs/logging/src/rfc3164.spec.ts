import { parseSyslog } from './parse';
import { parseRfc3164 } from './rfc3164';

const now = new Date(2026, 10, 22, 20, 0, 0);

describe('RFC 3164', () => {
  it('parses what logger --rfc3164 sends: timestamp, hostname, tag', () => {
    const r = parseRfc3164('<13>Nov 22 19:38:11 vm svc2: udp 3164', now);
    expect(r).toEqual({
      ok: true,
      value: { protocol: 'rfc3164', facility: 1, severity: 5, timestamp: new Date(2026, 10, 22, 19, 38, 11).toISOString(), hostname: 'vm', appName: 'svc2', procId: undefined, message: 'udp 3164' },
    });
  });

  it('takes tag[pid], a space-padded day, and messages without hostname or timestamp', () => {
    expect(parseRfc3164('<30>Feb  3 01:02:03 host.example sshd[4242]: Accepted key', now)).toMatchObject({
      ok: true, value: { severity: 6, facility: 3, hostname: 'host.example', appName: 'sshd', procId: '4242', message: 'Accepted key' },
    });
    expect(parseRfc3164('<13>Nov 22 19:38:11 core: no host', now)).toMatchObject({ ok: true, value: { hostname: undefined, appName: 'core', message: 'no host' } });
    expect(parseRfc3164('<13>jobservice[7]: bare', now)).toMatchObject({ ok: true, value: { timestamp: undefined, appName: 'jobservice', procId: '7', message: 'bare' } });
    expect(parseRfc3164('<13>tag:', now)).toMatchObject({ ok: true, value: { appName: 'tag', message: '' } });
  });

  it('puts a December timestamp seen in January into last year', () => {
    const r = parseRfc3164('<13>Dec 31 23:59:59 h t: x', new Date(2027, 0, 1, 0, 0, 5));
    expect(r.ok && r.value.timestamp).toBe(new Date(2026, 11, 31, 23, 59, 59).toISOString());
  });

  it.each([
    ['no tag at all', '<13>Nov 22 19:38:11 just some words'],
    ['a bad month', '<13>Foo 22 19:38:11 h t: x'],
    ['an impossible time', '<13>Nov 22 29:38:11 h t: x'],
    ['nothing after PRI', '<13>'],
    ['no PRI', 'Nov 22 19:38:11 h t: x'],
  ])('refuses %s', (_name, text) => {
    expect(parseSyslog(text, now).ok).toBe(false);
  });

  it('lets parseSyslog pick the format and ignore a trailing CR LF', () => {
    expect(parseSyslog('<13>Nov 22 19:38:11 vm svc4: tcp 3164\r\n', now)).toMatchObject({ ok: true, value: { protocol: 'rfc3164', appName: 'svc4', message: 'tcp 3164' } });
    expect(parseSyslog('<13>1 - vm svc3 - - - tcp\n', now)).toMatchObject({ ok: true, value: { protocol: 'rfc5424', appName: 'svc3', message: 'tcp' } });
  });
});
