/**
 * Current time in seconds (JWT NumericDate). Options take `now` in seconds; a value in
 * milliseconds (Date.now()) is refused, because it would silently mint tokens valid for
 * millennia or reject every token as not yet valid.
 */
export function nowSeconds(now?: number): number {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  if (!Number.isFinite(now) || now < 0 || now > 1e11) {
    throw new RangeError(`now must be seconds since the epoch, got ${now} (milliseconds?)`);
  }
  return Math.floor(now);
}
