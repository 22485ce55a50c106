import { api, type Page } from './client';
import type { PageRequest } from './harbor';

// The project's Webhooks tab: Harbor's WebhookPolicy, its executions and the event types the
// server supports, in Harbor's URL shapes.

const V2 = '/api/v2.0';

export interface WebhookTarget {
  type: string;
  address: string;
  auth_header?: string;
  skip_cert_verify?: boolean;
  payload_format?: string;
}

export interface WebhookPolicy {
  id: number;
  name: string;
  description?: string;
  project_id: number;
  targets: WebhookTarget[];
  event_types: string[];
  creator?: string;
  creation_time: string;
  update_time: string;
  enabled: boolean;
}

export interface WebhookExecution {
  id: number;
  status: string;
  trigger: string;
  start_time?: string;
  end_time?: string;
  extra_attrs?: { event_type?: string };
}

export interface NewWebhook {
  name: string;
  description: string;
  address: string;
  authHeader: string;
  skipCertVerify: boolean;
  eventTypes: string[];
}

const base = (projectId: number) => `${V2}/projects/${projectId}/webhook`;

export const webhooks = {
  list: (projectId: number, p: PageRequest): Promise<Page<WebhookPolicy>> => api.page<WebhookPolicy>(`${base(projectId)}/policies`, { page: p.page, page_size: p.pageSize }),
  eventTypes: async (projectId: number) => (await api.get<{ event_type: string[] }>(`${base(projectId)}/events`)).event_type,
  create: (projectId: number, w: NewWebhook) =>
    api.post(`${base(projectId)}/policies`, {
      name: w.name,
      description: w.description,
      enabled: true,
      event_types: w.eventTypes,
      targets: [{ type: 'http', address: w.address, auth_header: w.authHeader, skip_cert_verify: w.skipCertVerify, payload_format: 'Default' }],
    }),
  /** PUT takes the whole policy: the one read is sent back with `enabled` changed. */
  setEnabled: (policy: WebhookPolicy, enabled: boolean) => api.put(`${base(policy.project_id)}/policies/${policy.id}`, { ...policy, enabled }),
  delete: (policy: WebhookPolicy) => api.delete(`${base(policy.project_id)}/policies/${policy.id}`),
  executions: (policy: WebhookPolicy, p: PageRequest) =>
    api.page<WebhookExecution>(`${base(policy.project_id)}/policies/${policy.id}/executions`, { page: p.page, page_size: p.pageSize }),
};
