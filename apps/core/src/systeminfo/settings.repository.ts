import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The system settings /systeminfo reports, with Harbor's defaults for keys never set. */
export interface SystemSettings {
  authMode: string;
  primaryAuthMode: boolean;
  selfRegistration: boolean;
  bannerMessage: string;
  projectCreationRestriction: string;
  readOnly: boolean;
  notificationEnable: boolean;
  oidcName: string;
}

const KEYS = ['auth_mode', 'primary_auth_mode', 'self_registration', 'banner_message', 'project_creation_restriction', 'read_only', 'notification_enable', 'oidc_name'];

/** Reads the `properties` table, where /configurations stores its values as text. */
@Injectable()
export class SettingsRepository {
  constructor(private readonly db: DataSource) {}

  async read(): Promise<SystemSettings> {
    const rows: { k: string; v: string }[] = await this.db.query(`SELECT k, v FROM properties WHERE k = ANY($1)`, [KEYS]);
    const values = new Map(rows.map((r) => [r.k, r.v]));
    const str = (k: string, fallback: string) => text(values.get(k)) ?? fallback;
    const bool = (k: string, fallback: boolean) => flag(values.get(k)) ?? fallback;
    return {
      authMode: str('auth_mode', 'db_auth'),
      primaryAuthMode: bool('primary_auth_mode', false),
      selfRegistration: bool('self_registration', false),
      bannerMessage: str('banner_message', ''),
      projectCreationRestriction: str('project_creation_restriction', 'everyone'),
      readOnly: bool('read_only', false),
      notificationEnable: bool('notification_enable', true),
      oidcName: str('oidc_name', ''),
    };
  }
}

// Values may be stored plain ("everyone", "true") or JSON-encoded ("\"everyone\"", true); take both.
function decoded(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function text(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = decoded(raw);
  return typeof value === 'string' ? value : raw;
}

function flag(raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  const value = decoded(raw.trim().toLowerCase());
  return typeof value === 'boolean' ? value : undefined;
}
