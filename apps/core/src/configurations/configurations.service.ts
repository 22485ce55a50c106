import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { DataSource } from 'typeorm';
import { AuditLogWriter } from '../audit/audit-log.writer';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { CORE_CONFIG } from '../tokens';
import { CONFIG_ITEMS, CONFIG_KEYS, type ConfigKey, type ConfigValues, decode, encode, isConfigKey, validate } from './configuration-items';
import { ConfigurationsRepository } from './configurations.repository';

/** How long a replica trusts its copy; a PUT on this replica clears it at once. */
const CACHE_MS = 5_000;

export type ConfigurationsView = Record<ConfigKey, { value: ConfigValues[ConfigKey]; editable: boolean }>;

/**
 * The system settings, read by other modules through the typed getters. Reads are served from
 * a short in-process cache so hot paths (project creation, token issue) do not query per call.
 */
@Injectable()
export class ConfigurationsService {
  private cached?: { values: ConfigValues; expiresAt: number };

  constructor(
    private readonly repo: ConfigurationsRepository,
    private readonly db: DataSource,
    private readonly audit: AuditLogWriter,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  async values(): Promise<ConfigValues> {
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached.values;
    const stored = await this.repo.readAll();
    const values = {} as Record<ConfigKey, unknown>;
    for (const key of CONFIG_KEYS) {
      const raw = stored.get(key);
      values[key] = raw === undefined ? CONFIG_ITEMS[key].default(this.config) : decode(CONFIG_ITEMS[key], raw, this.config);
    }
    this.cached = { values: Object.freeze(values) as ConfigValues, expiresAt: Date.now() + CACHE_MS };
    return this.cached.values;
  }

  async selfRegistration(): Promise<boolean> {
    return (await this.values()).self_registration;
  }
  async projectCreationRestriction(): Promise<'everyone' | 'adminonly'> {
    return (await this.values()).project_creation_restriction === 'adminonly' ? 'adminonly' : 'everyone';
  }
  async tokenExpirationMinutes(): Promise<number> {
    return (await this.values()).token_expiration;
  }
  async robotTokenDurationDays(): Promise<number> {
    return (await this.values()).robot_token_duration;
  }
  async robotNamePrefix(): Promise<string> {
    return (await this.values()).robot_name_prefix;
  }
  async readOnly(): Promise<boolean> {
    return (await this.values()).read_only;
  }
  async quotaPerProjectEnabled(): Promise<boolean> {
    return (await this.values()).quota_per_project_enable;
  }
  /** Default storage quota of a new project in bytes; -1 is unlimited. */
  async storagePerProject(): Promise<number> {
    return (await this.values()).storage_per_project;
  }
  async sessionTimeoutMinutes(): Promise<number> {
    return (await this.values()).session_timeout;
  }

  /** Harbor's GET shape: every key as {"value", "editable"}. */
  async view(): Promise<ConfigurationsView> {
    const values = await this.values();
    const view = {} as ConfigurationsView;
    for (const key of CONFIG_KEYS) view[key] = { value: values[key], editable: CONFIG_ITEMS[key].editable };
    return view;
  }

  /** Applies a subset of keys, all or nothing; the audit row goes in the same transaction. */
  async update(ctx: SecurityContext, body: unknown): Promise<void> {
    const entries = await this.checked(body);
    await this.db.transaction(async (tx) => {
      await this.repo.upsert(tx, entries.map(([k, v]) => [k, encode(v)]));
      await this.audit.write(
        { operation: 'update', resourceType: 'configuration', resource: 'configuration', username: ctx.name, description: `update configuration: ${describe(body)}` },
        tx,
      );
    });
    this.cached = undefined;
  }

  private async checked(body: unknown): Promise<[ConfigKey, ConfigValues[ConfigKey]][]> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw HarborError.badRequest('the request body must be a JSON object');
    const current = await this.values();
    const entries: [ConfigKey, ConfigValues[ConfigKey]][] = [];
    for (const [key, value] of Object.entries(body)) {
      if (!isConfigKey(key)) throw HarborError.badRequest(`the configuration "${key}" is not supported`);
      const problem = validate(key, value);
      if (problem) throw HarborError.badRequest(problem);
      if (!CONFIG_ITEMS[key].editable && value !== current[key]) throw HarborError.badRequest(`the configuration "${key}" cannot be changed`);
      entries.push([key, value as ConfigValues[ConfigKey]]);
    }
    return entries;
  }
}

// Harbor cuts the payload in the description at 450 characters.
function describe(body: unknown): string {
  const text = JSON.stringify(body);
  return text.length > 450 ? `${text.slice(0, 450)}...` : text;
}
