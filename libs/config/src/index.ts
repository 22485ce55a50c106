// @harbor-ts/config: the one configuration of the whole product (harbor.yml + HARBOR__* overrides).
export { ConfigError, type ConfigIssue } from './errors';
export { type DeepReadonly, deepFreeze } from './freeze';
export { loadConfig, type HarborConfig, type LoadOptions, type LoadedConfig } from './load';
export { loadConfigOrExit } from './load-or-exit';
export { registryConfig, type LogLevel, type NotificationEndpoint, type RegistryConfig } from './registry-config';
export { harborSchema, HARBOR_KEYS_NOT_MODELLED, HARBOR_LOG_LEVELS } from './schema/harbor';
export { ENV_PREFIX } from './env';
export { parseDuration, parseSize } from './units';
export { coreConfig, type CoreConfig, type DatabaseConfig, type RedisConfig } from './core-config';
export { jobserviceConfig, type JobserviceConfig } from './jobservice-config';
export { registryctlConfig, type RegistryctlConfig } from './registryctl-config';
export { logCollectorConfig, logShippingConfig, type LogCollectorConfig, type LogShippingConfig } from './log-collector-config';
export { type MetricsRouting, proxyConfig, type ProxyConfig } from './proxy-config';
export { portalConfig, type PortalConfig } from './portal-config';
export { internalSecretFile, internalUrls, portalUrl, publicUrl, tokenCertificateFile, tokenPrivateKeyFile } from './paths';
