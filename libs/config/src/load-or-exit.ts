import { ConfigError } from './errors';
import { loadConfig, type LoadedConfig } from './load';

/**
 * A service's start: the configuration, or every bad key on stderr and exit code 2 (a
 * configuration error, unlike 1 for a dependency that cannot be reached). Other errors propagate.
 */
export function loadConfigOrExit(service: string, argv: string[] = process.argv.slice(2)): LoadedConfig {
  try {
    return loadConfig({ argv });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${service}: invalid configuration\n${err.message}\n`);
    process.exit(2);
  }
}
