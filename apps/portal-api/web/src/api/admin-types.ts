import type { RobotPermission } from './types';

// The parts of Harbor's API models (harbor-swagger.yaml) the administration pages show.

/** A system robot as GET /robots returns it (level "system"). */
export interface SystemRobot {
  id: number;
  name: string;
  description: string;
  level: string;
  duration: number;
  disable: boolean;
  expires_at: number;
  permissions: RobotPermission[];
  creation_time: string;
}

export interface Label {
  id: number;
  name: string;
  /** Absent when empty (go-swagger omits empty fields). */
  description?: string;
  color?: string;
  scope: string;
  creation_time: string;
  update_time: string;
}

export interface LabelBody {
  name: string;
  description: string;
  color: string;
}

/** Harbor's GCHistory / ExecHistory: one run of a system job. */
export interface JobRun {
  id: number;
  job_name: string;
  job_kind: string;
  /** The parameters as a JSON string. */
  job_parameters: string;
  job_status: string;
  creation_time: string;
  update_time: string;
}

export type ScheduleType = 'None' | 'Hourly' | 'Daily' | 'Weekly' | 'Custom';

/** GET .../schedule: {} when there is none. */
export interface JobSchedule {
  job_parameters?: string;
  schedule?: { type: string; cron?: string; next_scheduled_time?: string } | null;
}

/** The settings core exposes at /configurations, each {value, editable}. */
export interface ConfigEntry<T> {
  value: T;
  editable: boolean;
}

export interface Configurations {
  auth_mode: ConfigEntry<string>;
  self_registration: ConfigEntry<boolean>;
  project_creation_restriction: ConfigEntry<string>;
  token_expiration: ConfigEntry<number>;
  robot_token_duration: ConfigEntry<number>;
  robot_name_prefix: ConfigEntry<string>;
  read_only: ConfigEntry<boolean>;
  quota_per_project_enable: ConfigEntry<boolean>;
  storage_per_project: ConfigEntry<number>;
  session_timeout: ConfigEntry<number>;
  skip_audit_log_database: ConfigEntry<boolean>;
  disabled_audit_log_event_types: ConfigEntry<string>;
  audit_log_forward_endpoint: ConfigEntry<string>;
  notification_enable: ConfigEntry<boolean>;
}

export type ConfigKey = keyof Configurations;
export type ConfigChanges = Partial<{ [K in ConfigKey]: Configurations[K]['value'] }>;

export interface AuditLog {
  id: number;
  resource: string;
  resource_type: string;
  username: string;
  operation: string;
  op_time: string;
}
