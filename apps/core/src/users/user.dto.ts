import { z } from 'zod';
import { passwordPolicyViolation } from '../auth/password';
import { HarborError } from '../common/harbor-error';

// Request bodies of /users in Harbor's field names, and Harbor's profile rules
// (handler/user.go validateUserProfile). Unknown fields are refused.

export const userCreateSchema = z.strictObject({
  username: z.string(),
  email: z.string(),
  realname: z.string().optional(),
  comment: z.string().optional(),
  password: z.string(),
});

// The portal sends back the user it read (UserResp) when saving account settings; only
// email, realname and comment are taken, the read-only fields are ignored.
export const userProfileSchema = z.strictObject({
  email: z.string().optional(),
  realname: z.string().optional(),
  comment: z.string().optional(),
  user_id: z.number().int().optional(),
  username: z.string().optional(),
  sysadmin_flag: z.boolean().optional(),
  admin_role_in_auth: z.boolean().optional(),
  oidc_user_meta: z.unknown().optional(),
  creation_time: z.string().optional(),
  update_time: z.string().optional(),
});

export const sysAdminSchema = z.strictObject({ sysadmin_flag: z.boolean() });

export const passwordSchema = z.strictObject({ old_password: z.string().optional(), new_password: z.string() });

export type UserCreateBody = z.infer<typeof userCreateSchema>;
export interface Profile {
  email: string;
  realname: string;
  comment: string;
}

const ILLEGAL = [',', '"', '~', '#', '$', '%'];
const EMAIL = /^[^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

export function validateUsername(username: string): void {
  if (username.length < 1 || username.length > 255) throw HarborError.badRequest('username with illegal length');
  if (ILLEGAL.some((c) => username.includes(c))) throw HarborError.badRequest('username contains illegal characters');
}

export function validateProfile(p: Profile): void {
  if (!p.email) throw HarborError.badRequest("email can't be empty");
  if (p.email.length > 255 || !EMAIL.test(p.email)) throw HarborError.badRequest('email with illegal format');
  if (p.realname.length < 1 || p.realname.length > 255) throw HarborError.badRequest('realname with illegal length');
  if (ILLEGAL.some((c) => c !== '"' && p.realname.includes(c))) throw HarborError.badRequest('realname contains illegal characters');
  if (p.comment.length > 30) throw HarborError.badRequest('comment with illegal length');
}

export function validatePassword(password: string): void {
  const problem = passwordPolicyViolation(password);
  if (problem) throw HarborError.badRequest(problem);
}
