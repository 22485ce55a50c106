import { api, type Page } from './client';
import type { Artifact, Member, PermissionItem, Project, Repository, Robot, RobotCreated, RobotPermission, SystemInfo, User } from './types';
import { repositoryPathParam } from '../urls';

// Harbor's REST calls the pages make, one function each, in Harbor's URL shapes.

const V2 = '/api/v2.0';

export interface PageRequest {
  page: number;
  pageSize: number;
}

const paging = (p: PageRequest) => ({ page: p.page, page_size: p.pageSize });

/** Harbor's fuzzy match in q=; the value is sent as typed (the query grammar has no escapes). */
const fuzzy = (key: string, value: string) => (value ? `${key}=~${value}` : undefined);

/**
 * Project and repository names are lowercase letters, digits and . _ - / only. A filter with
 * anything else matches nothing, and sending it would let a comma or brace change the query.
 */
const NAME_FILTER = /^[a-z0-9._/-]*$/;

function byName<T>(name: string, list: () => Promise<Page<T>>): Promise<Page<T>> {
  return NAME_FILTER.test(name) ? list() : Promise.resolve({ items: [], total: 0 });
}

const seg = encodeURIComponent;

export const session = {
  signIn: (principal: string, password: string) => api.postForm('/c/login', { principal, password }),
  signOut: () => api.get<void>('/c/log_out'),
  currentUser: () => api.get<User>(`${V2}/users/current`),
  systemInfo: () => api.get<SystemInfo>(`${V2}/systeminfo`),
  /** What the caller may do in one project, resources named relative to it ("member", not "/project/1/member"). */
  projectPermissions: (projectId: number) => api.get<PermissionItem[]>(`${V2}/users/current/permissions`, { scope: `/project/${projectId}`, relative: true }),
};

export const projects = {
  list: (p: PageRequest, name: string) => byName(name, () => api.page<Project>(`${V2}/projects`, { ...paging(p), q: fuzzy('name', name), with_detail: true })),
  get: (id: number) => api.get<Project>(`${V2}/projects/${id}`),
  create: (body: { project_name: string; metadata: { public: string }; storage_limit?: number }) => api.post(`${V2}/projects`, body),
  delete: (id: number) => api.delete(`${V2}/projects/${id}`),
};

export const repositories = {
  list: (project: string, p: PageRequest, name: string) =>
    byName(name, () => api.page<Repository>(`${V2}/projects/${seg(project)}/repositories`, { ...paging(p), q: fuzzy('name', name) })),
  get: (project: string, repo: string) => api.get<Repository>(`${V2}/projects/${seg(project)}/repositories/${repositoryPathParam(project, repo)}`),
  delete: (project: string, repo: string) => api.delete(`${V2}/projects/${seg(project)}/repositories/${repositoryPathParam(project, repo)}`),
};

export const artifacts = {
  list: (project: string, repo: string, p: PageRequest): Promise<Page<Artifact>> =>
    api.page<Artifact>(`${V2}/projects/${seg(project)}/repositories/${repositoryPathParam(project, repo)}/artifacts`, { ...paging(p), with_tag: true, with_label: true }),
  delete: (project: string, repo: string, digest: string) =>
    api.delete(`${V2}/projects/${seg(project)}/repositories/${repositoryPathParam(project, repo)}/artifacts/${seg(digest)}`),
};

export const members = {
  list: (projectId: number, p: PageRequest, name: string) => api.page<Member>(`${V2}/projects/${projectId}/members`, { ...paging(p), entityname: name }),
  add: (projectId: number, username: string, roleId: number) => api.post(`${V2}/projects/${projectId}/members`, { role_id: roleId, member_user: { username } }),
  setRole: (projectId: number, memberId: number, roleId: number) => api.put(`${V2}/projects/${projectId}/members/${memberId}`, { role_id: roleId }),
  remove: (projectId: number, memberId: number) => api.delete(`${V2}/projects/${projectId}/members/${memberId}`),
};

export interface RobotRequest {
  name: string;
  description: string;
  duration: number;
  permissions: RobotPermission[];
}

export const robots = {
  listInProject: (projectId: number, p: PageRequest, name: string) =>
    api.page<Robot>(`${V2}/robots`, { ...paging(p), q: [`Level=project`, `ProjectID=${projectId}`, fuzzy('name', name)].filter(Boolean).join(',') }),
  create: (body: RobotRequest) => api.post<RobotCreated>(`${V2}/robots`, { ...body, level: 'project' }),
  delete: (id: number) => api.delete(`${V2}/robots/${id}`),
};

export const users = {
  list: (p: PageRequest, name: string) => api.page<User>(`${V2}/users`, { ...paging(p), q: fuzzy('username', name) }),
  create: (body: { username: string; email: string; realname: string; password: string; comment: string }) => api.post(`${V2}/users`, body),
  delete: (id: number) => api.delete(`${V2}/users/${id}`),
  setSysAdmin: (id: number, sysadmin: boolean) => api.put(`${V2}/users/${id}/sysadmin`, { sysadmin_flag: sysadmin }),
};
