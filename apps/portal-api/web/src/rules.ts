// Harbor's input rules as the portal checks them while the user types. Each returns the
// message to show, or undefined when the value is fine. The server checks them again.

/** Harbor's name rule for projects and robots (restrictedNameChars; no "+" in robot names). */
const RESOURCE_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const USERNAME_ILLEGAL = [',', '"', '~', '#', '$', '%'];
const REALNAME_ILLEGAL = [',', '~', '#', '$', '%'];
const EMAIL = /^[^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

export const PASSWORD_RULE = 'Password should be 8-128 characters long with at least 1 uppercase, 1 lowercase and 1 number.';
export const STORAGE_UNITS: Readonly<Record<string, number>> = { MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };
const MAX_STORAGE_BYTES = 1024 ** 5; // Harbor caps a quota at 1024 TiB

export function projectNameError(name: string): string | undefined {
  if (!name) return 'Project name is required.';
  if (name.length > 255) return 'Project name should be at most 255 characters long.';
  if (!RESOURCE_NAME.test(name)) return 'Project name should be lower case characters, numbers and ._- , and must start and end with characters or numbers.';
  return undefined;
}

export function robotNameError(name: string): string | undefined {
  if (!name) return 'Name is required.';
  if (!RESOURCE_NAME.test(name)) return 'Name should be lower case characters, numbers and ._- , starting and ending with a character or number.';
  return undefined;
}

export function usernameError(v: string): string | undefined {
  if (!v || v.length > 255) return 'Username is required and should be at most 255 characters long.';
  return USERNAME_ILLEGAL.some((c) => v.includes(c)) ? 'Username cannot contain special characters (, " ~ # $ %).' : undefined;
}

export function realnameError(v: string): string | undefined {
  if (!v || v.length > 255) return 'First and last name is required and should be at most 255 characters long.';
  return REALNAME_ILLEGAL.some((c) => v.includes(c)) ? 'First and last name cannot contain special characters (, ~ # $ %).' : undefined;
}

export function emailError(v: string): string | undefined {
  return v.length <= 255 && EMAIL.test(v) ? undefined : 'Email should be a valid email address like name@example.com.';
}

export function passwordError(password: string): string | undefined {
  const ok = password.length >= 8 && password.length <= 128 && /[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password);
  return ok ? undefined : PASSWORD_RULE;
}

export function commentError(v: string): string | undefined {
  return v.length > 30 ? 'Comments should be at most 30 characters long.' : undefined;
}

/** A storage limit typed as a number of `unit`s: -1 (unlimited) or a positive integer up to 1024 TiB. */
export function storageLimitError(raw: string, unit: string): string | undefined {
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(n) || (n !== -1 && n <= 0)) return 'Storage limit must be -1 (unlimited) or a positive integer.';
  if (n !== -1 && n * (STORAGE_UNITS[unit] ?? Infinity) > MAX_STORAGE_BYTES) return 'Storage limit cannot exceed 1024 TiB.';
  return undefined;
}

/** The limit in bytes as the API takes it (storage_limit), -1 staying -1. */
export function storageLimitBytes(raw: string, unit: string): number {
  const n = Number(raw.trim());
  return n === -1 ? -1 : n * STORAGE_UNITS[unit];
}

/** A robot's lifetime in days: a positive integer (-1, "never", is a separate checkbox). */
export function durationError(value: string): string | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? undefined : 'Expiration time must be a positive number of days.';
}

/** Harbor's tag rule (the distribution spec's tag grammar): 1-128 of [A-Za-z0-9_.-], not starting with . or -. */
export function tagNameError(name: string): string | undefined {
  if (!name) return 'Tag name is required.';
  return /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/.test(name) ? undefined : 'Tag should be 1-128 letters, digits, "_", "." or "-", not starting with "." or "-".';
}
