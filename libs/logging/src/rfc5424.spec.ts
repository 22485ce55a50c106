import { formatRfc5424, parseRfc5424 } from './rfc5424';
import { parseSyslog } from './parse';

describe('RFC 5424', () => {
  it('parses what util-linux logger sends, structured data included', () => {
    const r = parseRfc5424('<13>1 2026-11-22T19:38:11.147809+00:00 vm svc6 13257 - [timeQuality tzKnown="1" isSynced="0"][zoo@123 tiger="hungry"] sd');
    expect(r).toEqual({
      ok: true,
      value: {
        protocol: 'rfc5424', facility: 1, severity: 5, timestamp: '2026-11-22T19:38:11.147809+00:00', hostname: 'vm', appName: 'svc6',
        procId: '13257', msgId: undefined, structuredData: '[timeQuality tzKnown="1" isSynced="0"][zoo@123 tiger="hungry"]', message: 'sd',
      },
    });
  });

  it('parses the RFC examples: NILVALUEs, BOM, escaped characters inside PARAM-VALUE', () => {
    const a = parseRfc5424('<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \ufeff\'su root\' failed for lonvick on /dev/pts/8');
    expect(a.ok && a.value).toMatchObject({ facility: 4, severity: 2, appName: 'su', procId: undefined, msgId: 'ID47', structuredData: undefined, message: "'su root' failed for lonvick on /dev/pts/8" });
    const b = parseRfc5424('<165>1 2003-10-11T22:14:15.003Z host app - - [ex@32473 a="q\\"uo\\]te\\\\" b="x y"]');
    expect(b.ok && b.value).toMatchObject({ structuredData: '[ex@32473 a="q\\"uo\\]te\\\\" b="x y"]', message: '' });
    const c = parseRfc5424('<0>1 - - - - - -');
    expect(c.ok && c.value).toMatchObject({ facility: 0, severity: 0, timestamp: undefined, hostname: undefined, appName: undefined, message: '' });
  });

  it('round-trips what it formats, and makes header fields legal', () => {
    const text = formatRfc5424({ facility: 1, severity: 3, timestamp: '2026-01-02T03:04:05.678Z', hostname: 'h', appName: 'core', procId: '42', message: '{"level":50,"msg":"x y"}' });
    expect(text).toBe('<11>1 2026-01-02T03:04:05.678Z h core 42 - - {"level":50,"msg":"x y"}');
    expect(parseSyslog(text)).toMatchObject({ ok: true, value: { appName: 'core', severity: 3, message: '{"level":50,"msg":"x y"}' } });
    const odd = formatRfc5424({ facility: 1, severity: 6, hostname: 'my host', appName: 'a'.repeat(60), message: '' });
    expect(odd).toBe(`<14>1 - my_host ${'a'.repeat(48)} - - -`);
    expect(parseRfc5424(odd).ok).toBe(true);
  });

  it.each([
    ['no PRI', '1 - - - - - - x', /PRI/],
    ['PRI out of range', '<192>1 - - - - - - x', /out of range/],
    ['bad timestamp', '<13>1 yesterday h a - - - x', /TIMESTAMP/],
    ['header cut short', '<13>1 2026-11-22T19:38:11Z h', /incomplete/],
    ['no structured data', '<13>1 - h a p m', /STRUCTURED-DATA is missing/],
    ['double space in header', '<13>1 -  h a p - - x', /HOSTNAME/],
    ['APP-NAME too long', `<13>1 - h ${'a'.repeat(49)} - - - x`, /APP-NAME/],
    ['unterminated SD', '<13>1 - h a - - [id k="v] x', /unterminated|SD/],
    ['SD without closing bracket', '<13>1 - h a - - [id k="v"x', /SD-ELEMENT/],
    ['SD param without value', '<13>1 - h a - - [id k] x', /SD-PARAM/],
    ['text glued to SD', '<13>1 - h a - - -x', /followed by SP/],
  ])('refuses %s', (_name, text, reason) => {
    const r = parseRfc5424(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});
