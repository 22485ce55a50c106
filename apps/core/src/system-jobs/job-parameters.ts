import { HarborError } from '../common/harbor-error';

// Readers for one entry of a Schedule body's "parameters", each with the 400 a client gets.

export function optionalBoolean(params: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = params[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw HarborError.badRequest(`parameter ${key} must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

/** An integer in [min, max]; absent means the fallback (undefined: the parameter is required). */
export function integerIn(params: Record<string, unknown>, key: string, range: { min: number; max: number }, fallback?: number): number {
  const value = params[key];
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    const bounds = range.max === Number.MAX_SAFE_INTEGER ? `at least ${range.min}` : `between ${range.min} and ${range.max}`;
    throw HarborError.badRequest(`parameter ${key} must be an integer ${bounds}, got ${JSON.stringify(value ?? null)}`);
  }
  return value;
}

export function optionalString(params: Record<string, unknown>, key: string, fallback: string): string {
  const value = params[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw HarborError.badRequest(`parameter ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}
