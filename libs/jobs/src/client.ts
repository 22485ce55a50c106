import type { JobQueueView, JobserviceStats, QueueAction, SubmitJobRequest, SubmitJobResponse, WorkerPoolView, WorkerView } from './api';
import type { JobType } from './job-types';
import { secretHeader } from './secret';

export class JobServiceError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface JobServiceTarget {
  url: string;
  secret: string;
}

/**
 * Core's client for jobservice's internal API. The target is resolved per call, so a service
 * started later (or moved) is found without rebuilding the client.
 */
export class JobServiceClient {
  constructor(private readonly target: () => Promise<JobServiceTarget>, private readonly timeoutMs = 10_000) {}

  submit(request: SubmitJobRequest): Promise<SubmitJobResponse> {
    return this.call('POST', '/api/v1/jobs', request);
  }
  async stop(taskId: number): Promise<void> {
    await this.call('POST', `/api/v1/jobs/${taskId}`, { action: 'stop' });
  }
  stats(): Promise<JobserviceStats> {
    return this.call('GET', '/api/v1/stats');
  }
  pools(): Promise<WorkerPoolView[]> {
    return this.call('GET', '/api/v1/pools');
  }
  workers(poolId: string): Promise<WorkerView[]> {
    return this.call('GET', `/api/v1/pools/${encodeURIComponent(poolId)}/workers`);
  }
  queues(): Promise<JobQueueView[]> {
    return this.call('GET', '/api/v1/queues');
  }
  async queueAction(type: JobType | 'all', action: QueueAction): Promise<void> {
    await this.call('PUT', `/api/v1/queues/${type}`, { action });
  }
  async syncSchedules(): Promise<void> {
    await this.call('POST', '/api/v1/schedules/sync');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { url, secret } = await this.target();
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: secretHeader(secret), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new JobServiceError(res.status, `jobservice ${method} ${path}: ${res.status} ${errorMessage(text)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function errorMessage(text: string): string {
  try {
    return (JSON.parse(text) as { errors?: { message?: string }[] }).errors?.[0]?.message ?? text;
  } catch {
    return text;
  }
}
