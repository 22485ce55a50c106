import { z } from 'zod';
import { HarborError } from '../common/harbor-error';

// Request bodies of /robots, in Harbor's field names. Unknown fields are refused so a typo
// ("permission" for "permissions") is a 400 rather than a silently ignored setting.

const access = z.strictObject({ resource: z.string(), action: z.string(), effect: z.string().optional() });
const permission = z.strictObject({ kind: z.string(), namespace: z.string(), access: z.array(access) });
const duration = z.number().int().min(-2_147_483_648).max(2_147_483_647);

/** POST /robots (RobotCreate). `expires_at` is accepted and ignored: expiry follows `duration`. */
export const robotCreateSchema = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  secret: z.string().optional(),
  level: z.string(),
  disable: z.boolean().optional(),
  duration: duration.optional(),
  expires_at: z.number().int().optional(),
  permissions: z.array(permission),
});

/**
 * PUT /robots/{id} takes the whole Robot model, as the portal sends back what GET returned;
 * the read-only fields (id, secret, editable, creator, times, expires_at) are ignored.
 */
export const robotUpdateSchema = z.strictObject({
  id: z.number().int().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  secret: z.string().optional(),
  level: z.string(),
  duration: duration.nullable().optional(),
  editable: z.boolean().optional(),
  disable: z.boolean().optional(),
  expires_at: z.number().int().optional(),
  permissions: z.array(permission),
  creator_type: z.string().optional(),
  creator_ref: z.number().int().optional(),
  creation_time: z.string().optional(),
  update_time: z.string().optional(),
});

/** PATCH /robots/{id} (RobotSec): no secret means "make me a new random one". */
export const robotSecSchema = z.strictObject({ secret: z.string().optional() });

export type RobotCreateBody = z.infer<typeof robotCreateSchema>;
export type RobotUpdateBody = z.infer<typeof robotUpdateSchema>;
export type RobotSecBody = z.infer<typeof robotSecSchema>;
export type RobotPermissionBody = z.infer<typeof permission>;

/** Robot ids in paths: positive int64 that fits the int column; anything else is a 400 as in go-swagger. */
export function parseRobotId(raw: string): number {
  if (!/^[0-9]+$/.test(raw)) throw HarborError.badRequest(`robot_id in path must be of type int64: "${raw}"`);
  const id = Number(raw);
  if (id < 1) throw HarborError.badRequest('robot_id in path should be greater than or equal to 1');
  return id;
}
