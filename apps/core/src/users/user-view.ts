import type { UserRow } from './users.repository';

/** Harbor's UserResp; the password hash never leaves the repository's row. */
export interface UserResp {
  user_id: number;
  username: string;
  email: string;
  realname: string;
  comment: string;
  sysadmin_flag: boolean;
  /** Granted by an external authenticator (LDAP admin group); always false with db_auth. */
  admin_role_in_auth: boolean;
  creation_time: string;
  update_time: string;
}

export interface UserSearchRespItem {
  user_id: number;
  username: string;
}

export function toUserResp(row: UserRow): UserResp {
  return {
    user_id: row.user_id,
    username: row.username,
    email: row.email ?? '',
    realname: row.realname,
    comment: row.comment,
    sysadmin_flag: row.sysadmin_flag,
    admin_role_in_auth: false,
    creation_time: new Date(row.creation_time).toISOString(),
    update_time: new Date(row.update_time).toISOString(),
  };
}

export function toSearchItem(row: UserRow): UserSearchRespItem {
  return { user_id: row.user_id, username: row.username };
}
