import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every blob core has seen; `status` and `version` are for garbage collection's optimistic marking. */
@Entity('blob')
export class BlobEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 255, unique: true }) digest!: string;
  @Column({ name: 'content_type', type: 'varchar', length: 1024, default: '' }) contentType!: string;
  @Column({ type: 'bigint' }) size!: string;
  @Column({ type: 'varchar', length: 255, default: 'none' }) status!: string;
  @Column({ type: 'bigint', default: 0 }) version!: string;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
  @Column({ name: 'update_time', type: 'timestamptz', default: () => 'now()' }) updateTime!: Date;
}

/** A blob counted in a project's storage usage. */
@Entity('project_blob')
export class ProjectBlobEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ name: 'blob_id', type: 'int' }) blobId!: number;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
}

/** Which blobs (config, layers, the manifest itself) an artifact digest holds: GC marks from this. */
@Entity('artifact_blob')
export class ArtifactBlobEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'digest_af', type: 'varchar', length: 255 }) artifactDigest!: string;
  @Column({ name: 'digest_blob', type: 'varchar', length: 255 }) blobDigest!: string;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
}
