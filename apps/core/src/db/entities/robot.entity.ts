import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface RobotPermissionRow {
  kind: 'project' | 'system';
  namespace: string;
  access: { resource: string; action: string; effect?: string }[];
}

/** A robot account; project_id 0 for system robots. `name` is stored without the robot$ prefix. */
@Entity('robot')
export class RobotEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 1024, default: '' }) description!: string;
  @Column({ name: 'project_id', type: 'int', default: 0 }) projectId!: number;
  @Column({ type: 'varchar', length: 10, default: 'system' }) level!: 'system' | 'project';
  /** Encoded KDF hash of the secret. */
  @Column({ type: 'varchar', length: 256 }) secret!: string;
  /** Days; -1 never expires. */
  @Column({ type: 'int', default: -1 }) duration!: number;
  /** Unix seconds; -1 never expires. */
  @Column({ name: 'expires_at', type: 'bigint', default: -1 }) expiresAt!: string;
  @Column({ type: 'boolean', default: false }) disable!: boolean;
  @Column({ type: 'boolean', default: true }) visible!: boolean;
  @Column({ type: 'jsonb', default: () => "'[]'" }) permissions!: RobotPermissionRow[];
  @Column({ name: 'creator_ref', type: 'int', default: 0 }) creatorRef!: number;
  @Column({ name: 'creator_type', type: 'varchar', length: 255, default: 'local' }) creatorType!: string;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
  @Column({ name: 'update_time', type: 'timestamptz', default: () => 'now()' }) updateTime!: Date;
}
