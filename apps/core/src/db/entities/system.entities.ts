import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A project's storage quota; -1 is unlimited. Usage moves in the same transaction as blob links. */
@Entity('quota')
export class QuotaEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 255, default: 'project' }) reference!: string;
  @Column({ name: 'reference_id', type: 'varchar', length: 255 }) referenceId!: string;
  @Column({ name: 'hard_storage', type: 'bigint', default: -1 }) hardStorage!: string;
  @Column({ name: 'used_storage', type: 'bigint', default: 0 }) usedStorage!: string;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
  @Column({ name: 'update_time', type: 'timestamptz', default: () => 'now()' }) updateTime!: Date;
}

/** Harbor's audit_log_ext: one row per operation. */
@Entity('audit_log_ext')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'project_id', type: 'int', default: 0 }) projectId!: number;
  @Column({ type: 'varchar', length: 50 }) operation!: string;
  @Column({ name: 'operation_description', type: 'text', default: '' }) operationDescription!: string;
  @Column({ name: 'operation_result', type: 'boolean', default: true }) operationResult!: boolean;
  @Column({ name: 'resource_type', type: 'varchar', length: 255 }) resourceType!: string;
  @Column({ type: 'varchar', length: 1024 }) resource!: string;
  @Column({ type: 'varchar', length: 255 }) username!: string;
  @Column({ name: 'op_time', type: 'timestamptz', default: () => 'now()' }) opTime!: Date;
}

/** System settings editable through /configurations (Harbor's properties table). */
@Entity('properties')
export class PropertyEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 64, unique: true }) k!: string;
  @Column({ type: 'text' }) v!: string;
}
