// The one place the version reported to clients is written. Harbor prints
// "<release>-<git commit>"; the suffix marks this implementation.
export const HARBOR_VERSION = 'v2.15.0-ts';
