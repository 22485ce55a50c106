import { ApiError, forgetSession } from './api/client';
import { session as sessionApi } from './api/harbor';
import type { SystemInfo, User } from './api/types';
import { endProjectVisit } from './permissions';

// Who is signed in, and what the system says about itself. Loaded once per sign-in.

export interface SignedIn {
  user: User;
  info: SystemInfo;
}

let current: SignedIn | undefined;

export function signedIn(): SignedIn | undefined {
  return current;
}

/** The signed-in user, or undefined when the session cookie is missing or expired (401). */
export async function loadSession(): Promise<SignedIn | undefined> {
  if (current) return current;
  try {
    const user = await sessionApi.currentUser();
    const info = await sessionApi.systemInfo();
    current = { user, info };
    return current;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return undefined;
    throw err;
  }
}

export async function signIn(principal: string, password: string): Promise<SignedIn | undefined> {
  await sessionApi.signIn(principal, password);
  current = undefined;
  return loadSession();
}

export async function signOut(): Promise<void> {
  try {
    await sessionApi.signOut();
  } finally {
    clearSession();
  }
}

export function clearSession(): void {
  current = undefined;
  endProjectVisit();
  forgetSession();
}

/** The host:port images are pulled from: systeminfo's registry_url, else this page's host. */
export function registryHost(): string {
  return current?.info.registry_url || window.location.host;
}
