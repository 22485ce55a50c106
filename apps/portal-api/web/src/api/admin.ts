import type { AuditLog, ConfigChanges, Configurations, JobRun, JobSchedule, Label, LabelBody, ScheduleType, SystemRobot } from './admin-types';
import { api, type Page } from './client';
import type { PageRequest } from './harbor';
import type { RobotCreated, RobotPermission } from './types';

// Harbor's REST calls of the administration pages and the user's own account, one function
// each, in Harbor's URL shapes.

const V2 = '/api/v2.0';
const paging = (p: PageRequest) => ({ page: p.page, page_size: p.pageSize });

export interface SystemRobotRequest {
  name: string;
  description: string;
  duration: number;
  permissions: RobotPermission[];
}

export const systemRobots = {
  /** Without Level in q=, /robots lists the system robots. */
  list: (p: PageRequest, name: string) => api.page<SystemRobot>(`${V2}/robots`, { ...paging(p), q: name ? `name=~${name}` : undefined }),
  create: (body: SystemRobotRequest) => api.post<RobotCreated>(`${V2}/robots`, { ...body, level: 'system' }),
  /** PUT takes the whole robot back; only description, duration, disable and permissions change. */
  setDisabled: (robot: SystemRobot, disable: boolean) =>
    api.put(`${V2}/robots/${robot.id}`, { name: robot.name, description: robot.description, level: robot.level, duration: robot.duration, permissions: robot.permissions, disable }),
  /** PATCH without a secret: core draws a new one and returns it once. */
  refreshSecret: (id: number) => api.patch<{ secret: string }>(`${V2}/robots/${id}`, {}),
  delete: (id: number) => api.delete(`${V2}/robots/${id}`),
};

export const labels = {
  list: (p: PageRequest, name: string) => api.page<Label>(`${V2}/labels`, { ...paging(p), scope: 'g', name: name || undefined }),
  create: (body: LabelBody) => api.post(`${V2}/labels`, { ...body, scope: 'g' }),
  update: (id: number, body: LabelBody) => api.put(`${V2}/labels/${id}`, body),
  delete: (id: number) => api.delete(`${V2}/labels/${id}`),
};

/** /system/gc and /system/purgeaudit share one shape. */
export type SystemJob = 'gc' | 'purgeaudit';

export function systemJob(job: SystemJob) {
  const base = `${V2}/system/${job}`;
  return {
    history: (p: PageRequest): Promise<Page<JobRun>> => api.page<JobRun>(base, paging(p)),
    runNow: (parameters: Record<string, unknown>) => api.post(`${base}/schedule`, { schedule: { type: 'Manual' }, parameters }),
    schedule: () => api.get<JobSchedule>(`${base}/schedule`),
    /** PUT replaces the saved schedule (and creates it when there is none). */
    setSchedule: (type: ScheduleType, cron: string, parameters: Record<string, unknown>) =>
      api.put(`${base}/schedule`, { schedule: { type, cron: type === 'None' ? '' : cron }, parameters }),
    stop: (id: number) => api.put(`${base}/${id}`, {}),
    /** The run's log as text; the page links here so it opens as plain text. */
    logUrl: (id: number) => `${base}/${id}/log`,
  };
}

export const configurations = {
  get: () => api.get<Configurations>(`${V2}/configurations`),
  update: (changes: ConfigChanges) => api.put(`${V2}/configurations`, changes),
};

export const auditLogs = {
  list: (p: PageRequest, username: string) =>
    api.page<AuditLog>(`${V2}/audit-logs`, { ...paging(p), q: username ? `username=~${username}` : undefined }),
  /** Harbor's audit event types, for the Log Rotation page's "included event types". */
  eventTypes: () => api.get<{ event_type: string }[]>(`${V2}/auditlog-exts/events`),
};

export const account = {
  updateProfile: (userId: number, body: { email: string; realname: string; comment: string }) => api.put(`${V2}/users/${userId}`, body),
  changePassword: (userId: number, oldPassword: string, newPassword: string) =>
    api.put(`${V2}/users/${userId}/password`, { old_password: oldPassword, new_password: newPassword }),
};
