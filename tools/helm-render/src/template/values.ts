// How Go templates see JavaScript values: which are "empty", and how `{{ x }}` prints them.

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
export function isTrue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** fmt's %v as templates print it; nil prints as nothing (Helm removes "<no value>"). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(' ')}]`;
  if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    return `map[${Object.keys(map).sort().map((k) => `${k}:${formatValue(map[k])}`).join(' ')}]`;
  }
  return String(value);
}

/**
 * Helm reads every number in values as a float64, and Go prints those in exponent form from
 * 1e+06 on (`{{ 1000000 }}` renders "1e+06"); mirrored so a chart that would trip on it here
 * trips in the tests too.
 */
function formatNumber(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp >= -4 && exp < 6) return String(n);
  return n.toExponential().replace(/e([+-])(\d)$/, (_m, sign: string, digit: string) => `e${sign}0${digit}`);
}

/** A value as text for string functions (sprig's strval). */
export function toText(value: unknown): string {
  return formatValue(value);
}
