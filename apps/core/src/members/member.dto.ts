import { z } from 'zod';

// ProjectMember and RoleRequest bodies, in Harbor's field names.

const userEntity = z.strictObject({ user_id: z.number().int().optional(), username: z.string().optional() });
// Accepted so that a group request gets Harbor-style 400 "not supported" rather than "unknown field".
const userGroup = z.object({
  id: z.number().int().optional(),
  group_name: z.string().optional(),
  group_type: z.number().int().optional(),
  ldap_group_dn: z.string().optional(),
});

export const projectMemberSchema = z.strictObject({
  role_id: z.number().int().optional(),
  member_user: userEntity.nullable().optional(),
  member_group: userGroup.nullable().optional(),
});

export const roleRequestSchema = z.strictObject({ role_id: z.number().int() });

export type ProjectMemberBody = z.infer<typeof projectMemberSchema>;
export type RoleRequestBody = z.infer<typeof roleRequestSchema>;
