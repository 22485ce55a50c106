import { isJobType, type JobType, QUEUE_ACTIONS, type QueueAction, type SubmitJobRequest } from '@harbor-ts/jobs';
import { HttpError } from './errors';

// Redis and HTTP are untyped: every body is checked here before it reaches a queue.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

export function submitRequest(body: unknown): SubmitJobRequest {
  if (!isObject(body)) throw HttpError.badRequest('the body must be a JSON object');
  const { type, executionId, taskId, params, attempts } = body;
  if (!isJobType(type)) throw HttpError.badRequest(`unknown job type "${String(type)}"`);
  if (!isId(executionId) || !isId(taskId)) throw HttpError.badRequest('executionId and taskId must be positive integers');
  if (!isObject(params)) throw HttpError.badRequest('params must be a JSON object');
  if (attempts !== undefined && !(Number.isSafeInteger(attempts) && (attempts as number) >= 1 && (attempts as number) <= 100)) {
    throw HttpError.badRequest('attempts must be an integer from 1 to 100');
  }
  return { type, executionId, taskId, params, ...(attempts === undefined ? {} : { attempts: attempts as number }) };
}

export function taskIdParam(value: string): number {
  const id = Number(value);
  if (!/^[0-9]+$/.test(value) || !isId(id)) throw HttpError.badRequest(`invalid task id "${value}"`);
  return id;
}

export function stopAction(body: unknown): 'stop' {
  if (!isObject(body) || body.action !== 'stop') throw HttpError.badRequest('the only job action is {"action":"stop"}');
  return 'stop';
}

export function queueType(value: string): JobType | 'all' {
  if (value === 'all' || isJobType(value)) return value;
  throw HttpError.notFound(`job type "${value}" not found`);
}

export function queueAction(body: unknown): QueueAction {
  const action = isObject(body) ? body.action : undefined;
  if (typeof action === 'string' && (QUEUE_ACTIONS as readonly string[]).includes(action)) return action as QueueAction;
  throw HttpError.badRequest(`the action must be one of ${QUEUE_ACTIONS.join(', ')}`);
}
