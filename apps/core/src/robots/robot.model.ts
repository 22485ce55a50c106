import { randomInt } from 'node:crypto';
import { ROBOT_PREFIX } from '../auth/authenticator';
import { passwordPolicyViolation } from '../auth/password';
import { HarborError } from '../common/harbor-error';
import type { RobotEntity, RobotPermissionRow } from '../db/entities';

/** Harbor's Robot model as GET returns it. The secret is never part of it. */
export interface RobotView {
  id: number;
  name: string;
  description: string;
  level: string;
  duration: number;
  editable: boolean;
  disable: boolean;
  expires_at: number;
  permissions: RobotPermissionRow[];
  creator_type: string;
  creator_ref: number;
  creation_time: string;
  update_time: string;
}

const DAY_SECONDS = 86_400;
const SECRET_LENGTH = 32;
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Harbor's validateName: '+' is excluded so "<project>+<name>" stays unambiguous.
const NAME_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 255;

export function fullName(robot: Pick<RobotEntity, 'name'>): string {
  return `${ROBOT_PREFIX}${robot.name}`;
}

export function toRobotView(robot: RobotEntity): RobotView {
  return {
    id: robot.id,
    name: fullName(robot),
    description: robot.description,
    level: robot.level,
    duration: robot.duration,
    // Every robot made through this API is a v2 robot; Harbor's legacy v1 robots never exist here.
    editable: true,
    disable: robot.disable,
    expires_at: Number(robot.expiresAt),
    permissions: robot.permissions,
    creator_type: robot.creatorType,
    creator_ref: robot.creatorRef,
    creation_time: new Date(robot.creationTime).toISOString(),
    update_time: new Date(robot.updateTime).toISOString(),
  };
}

/** Expiry in unix seconds: `days` after creation, or -1 (never) for a duration of -1. */
export function expiryOf(creation: Date, days: number): number {
  if (days === -1) return -1;
  return Math.floor(creation.getTime() / 1000) + days * DAY_SECONDS;
}

/** Stored name: "name" for a system robot, "<project>+<name>" for a project robot. */
export function storedName(name: string, projectName: string | undefined): string {
  if (!NAME_PATTERN.test(name)) throw HarborError.badRequest('robot name is not in lower case or contains illegal characters');
  const stored = projectName === undefined ? name : `${projectName}+${name}`;
  if (stored.length > MAX_NAME_LENGTH) throw HarborError.badRequest(`robot name must be at most ${MAX_NAME_LENGTH} characters long`);
  return stored;
}

/** Harbor's duration rule, plus 0 meaning "the configured default" (robot_token_duration). */
export function checkDuration(days: number): void {
  if (days < -1) throw HarborError.badRequest(`bad request error duration input: ${days}, duration must be either -1(Never) or a positive integer`);
}

/** A user-chosen secret must pass the password policy (Harbor's IsValidSec). */
export function checkChosenSecret(secret: string): void {
  if (passwordPolicyViolation(secret)) {
    throw HarborError.badRequest('the secret must be 8-128, inclusively, characters long with at least 1 uppercase letter, 1 lowercase letter and 1 number');
  }
}

/** 32 random alphanumerics, drawn again until they meet the password policy (almost always at once). */
export function randomSecret(): string {
  for (;;) {
    let secret = '';
    for (let i = 0; i < SECRET_LENGTH; i++) secret += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
    if (!passwordPolicyViolation(secret)) return secret;
  }
}
