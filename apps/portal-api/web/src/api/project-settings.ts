import type { AuditLog } from './admin-types';
import { api, type Page } from './client';
import type { PageRequest } from './harbor';

// The project's Summary, Configuration and Logs tabs: Harbor's calls and the parts of its
// models (harbor-swagger.yaml ProjectSummary, ProjectReq, AuditLog) those tabs show.

const V2 = '/api/v2.0';
const seg = encodeURIComponent;

/** ProjectSummary; member counts and quota are there only when the caller may see them. */
export interface ProjectSummary {
  repo_count: number;
  project_admin_count?: number;
  maintainer_count?: number;
  developer_count?: number;
  guest_count?: number;
  limited_guest_count?: number;
  quota?: { hard: { storage: number }; used: { storage: number } };
}

export type { AuditLog } from './admin-types';

/** Harbor's audit operations, as the filter offers them. */
export const AUDIT_OPERATIONS = ['create', 'delete', 'pull', 'update'] as const;

/** Usernames are free text but the query grammar has no escapes: a filter with q= syntax in it matches nothing. */
const PLAIN_FILTER = /^[^,{}()=~<>\\]*$/;

export const projectSettings = {
  summary: (projectId: number) => api.get<ProjectSummary>(`${V2}/projects/${projectId}/summary`),
  /** Only `public` is sent: other metadata keep their values (PUT merges metadata). */
  setPublic: (projectId: number, isPublic: boolean) => api.put(`${V2}/projects/${projectId}`, { metadata: { public: String(isPublic) } }),
};

export const auditLogs = {
  /** One page of the project's log, newest first, filtered by exact operation and fuzzy username. */
  list(projectName: string, p: PageRequest, filter: { operation: string; username: string }): Promise<Page<AuditLog>> {
    if (!PLAIN_FILTER.test(filter.username)) return Promise.resolve({ items: [], total: 0 });
    const q = [filter.operation ? `operation=${filter.operation}` : '', filter.username ? `username=~${filter.username}` : ''].filter(Boolean).join(',');
    return api.page<AuditLog>(`${V2}/projects/${seg(projectName)}/logs`, { page: p.page, page_size: p.pageSize, q });
  },
};
