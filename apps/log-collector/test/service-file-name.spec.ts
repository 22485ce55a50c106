import { fileLine } from '../src/file-line';
import { serviceFileName } from '../src/service-file-name';

describe('serviceFileName', () => {
  it.each([
    ['core', 'core.log'],
    ['registry-ctl_2.x', 'registry-ctl_2.x.log'],
    ['../../etc/passwd', '_.._etc_passwd.log'],
    ['..', 'unknown.log'],
    ['.hidden', 'hidden.log'],
    ['a/b\\c d\u0000e', 'a_b_c_d_e.log'],
    ['', 'unknown.log'],
    [undefined, 'unknown.log'],
    ['x'.repeat(100), `${'x'.repeat(48)}.log`],
  ])('%j -> %s', (name, file) => {
    expect(serviceFileName(name)).toBe(file);
  });
});

describe('fileLine', () => {
  it('writes rsyslog-style lines and escapes control characters so one message stays one line', () => {
    const line = fileLine({ protocol: 'rfc5424', facility: 1, severity: 6, timestamp: '2026-01-02T03:04:05Z', hostname: 'h', appName: 'core', procId: '7', message: 'a\nb\tc\u0007' }, new Date());
    expect(line.toString()).toBe('2026-01-02T03:04:05Z h core[7]: a#012b\tc#007\n');
    const received = new Date('2026-05-05T05:05:05.000Z');
    expect(fileLine({ protocol: 'rfc3164', facility: 1, severity: 6, message: 'x' }, received).toString()).toBe('2026-05-05T05:05:05.000Z - -: x\n');
  });
});
