/**
 * The file a service's messages go to, from its APP-NAME or TAG. Only letters, digits, ".",
 * "_" and "-" survive, never a leading dot, so no name can leave the log directory, hide
 * itself or collide with a rotated file (those end in ".log.<n>").
 */
export function serviceFileName(appName: string | undefined): string {
  const cleaned = (appName ?? '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 48);
  return `${cleaned === '' ? 'unknown' : cleaned}.log`;
}
