// How Harbor's portal prints sizes, times and digests.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 -> "1.50KiB", as Harbor's sizeTransform. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value}B` : `${value.toFixed(2)}${UNITS[unit]}`;
}

/** Go's zero time means "never": Harbor leaves the cell empty. */
export function formatTime(iso: string | undefined): string {
  if (!iso || iso.startsWith('0001-01-01')) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "sha256:" and the first 8 hex digits, as the artifact grid shows it. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 15);
}

/** A robot's time left in whole days (a fresh 30-day robot shows 30), or Harbor's wording for "never". */
export function expiresIn(expiresAt: number, now = Date.now()): string {
  if (expiresAt === -1) return 'Never Expires';
  const left = expiresAt * 1000 - now;
  if (left <= 0) return 'Expired';
  const days = Math.ceil(left / 86_400_000);
  return `${days} day${days === 1 ? '' : 's'}`;
}
