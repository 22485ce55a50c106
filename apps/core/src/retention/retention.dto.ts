import { type RetentionPolicy, retentionPolicyProblem, triggerCron } from '@harbor-ts/jobs';
import { z } from 'zod';
import { HarborError } from '../common/harbor-error';
import { parseBody } from '../common/parse-body';
import { checkCron } from '../system-jobs/schedule-body';

// The RetentionPolicy body of POST/PUT /retentions. Unknown fields are ignored, as go-swagger
// does; missing lists read as empty so the rule checks name what is wrong.

const selector = z.object({ kind: z.string().default(''), decoration: z.string().default(''), pattern: z.string().default(''), extras: z.string().optional() });

const rule = z.object({
  id: z.number().int().optional(),
  priority: z.number().int().optional(),
  disabled: z.boolean().optional(),
  action: z.string().default(''),
  template: z.string().default(''),
  params: z.record(z.string(), z.unknown()).nullish().transform((p) => p ?? {}),
  tag_selectors: z.array(selector).nullish().transform((s) => s ?? []),
  scope_selectors: z.record(z.string(), z.array(selector)).nullish().transform((s) => s ?? {}),
});

const policySchema = z.object({
  id: z.number().int().optional(),
  algorithm: z.string().default(''),
  rules: z.array(rule).nullish().transform((r) => r ?? []),
  trigger: z.object({
    kind: z.string().default(''),
    settings: z.record(z.string(), z.unknown()).nullish().transform((s) => s ?? {}),
    references: z.record(z.string(), z.unknown()).nullish().transform((r) => r ?? {}),
  }).optional(),
  scope: z.object({ level: z.string().default(''), ref: z.number().int().default(0) }).optional(),
});

/** Parses and validates a policy body into what is stored; 400 naming the first problem. */
export function parsePolicy(body: unknown): RetentionPolicy {
  const parsed = parseBody(policySchema, body);
  if (!parsed.trigger) throw HarborError.badRequest('the trigger of a retention policy is required');
  if (!parsed.scope) throw HarborError.badRequest('the scope of a retention policy is required');
  const policy: RetentionPolicy = { algorithm: parsed.algorithm, rules: parsed.rules, trigger: parsed.trigger, scope: parsed.scope };
  const problem = retentionPolicyProblem(policy);
  if (problem) throw HarborError.badRequest(problem);
  const cron = triggerCron(policy.trigger);
  if (cron !== undefined) checkCron(cron);
  return policy;
}

export const triggerBody = z.object({ dry_run: z.boolean().optional() });
export const operateBody = z.object({ action: z.string().optional() });

/** An id in the path: a positive int64, as go-swagger validates it. */
export function parsePathId(name: string, raw: string): number {
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw HarborError.badRequest(`${name} in path must be of type int64: "${raw}"`);
  const id = Number(raw);
  if (id < 1) throw HarborError.badRequest(`${name} in path should be greater than or equal to 1`);
  return id;
}
