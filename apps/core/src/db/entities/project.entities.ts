import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('project')
export class ProjectEntity {
  @PrimaryGeneratedColumn({ name: 'project_id' }) id!: number;
  @Column({ type: 'varchar', length: 255, unique: true }) name!: string;
  @Column({ name: 'owner_id', type: 'int', nullable: true }) ownerId!: number | null;
  /** Proxy-cache projects point at a registry endpoint; 0 is a normal project. */
  @Column({ name: 'registry_id', type: 'int', default: 0 }) registryId!: number;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
  @Column({ name: 'update_time', type: 'timestamptz', default: () => 'now()' }) updateTime!: Date;
}

/** Harbor keeps project settings as string key/value pairs ("public": "true"). */
@Entity('project_metadata')
export class ProjectMetadataEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 255 }) value!: string;
}

/** entity_type 'u' (user) or 'g' (group); role is Harbor's numeric role id. */
@Entity('project_member')
export class ProjectMemberEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ name: 'entity_id', type: 'int' }) entityId!: number;
  @Column({ name: 'entity_type', type: 'char', length: 1 }) entityType!: 'u' | 'g';
  @Column({ type: 'int' }) role!: number;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
  @Column({ name: 'update_time', type: 'timestamptz', default: () => 'now()' }) updateTime!: Date;
}
