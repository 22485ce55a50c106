import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A repository: `name` is the full path including the project ("library/nginx"). */
@Entity('repository')
export class RepositoryEntity {
  @PrimaryGeneratedColumn({ name: 'repository_id' }) id!: number;
  @Column({ type: 'varchar', length: 255, unique: true }) name!: string;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ name: 'pull_count', type: 'int', default: 0 }) pullCount!: number;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
  @Column({ name: 'update_time', type: 'timestamptz', default: () => 'now()' }) updateTime!: Date;
}

/** One manifest in one repository. `type` is Harbor's artifact type (IMAGE, CHART, ...). */
@Entity('artifact')
export class ArtifactEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ name: 'repository_id', type: 'int' }) repositoryId!: number;
  @Column({ name: 'repository_name', type: 'varchar', length: 255 }) repositoryName!: string;
  @Column({ type: 'varchar', length: 255 }) digest!: string;
  @Column({ type: 'varchar', length: 255 }) type!: string;
  /** The config media type (Harbor's media_type); manifest_media_type is the manifest's own. */
  @Column({ name: 'media_type', type: 'varchar', length: 255 }) mediaType!: string;
  @Column({ name: 'manifest_media_type', type: 'varchar', length: 255 }) manifestMediaType!: string;
  @Column({ name: 'artifact_type', type: 'varchar', length: 255, default: '' }) artifactType!: string;
  @Column({ type: 'bigint', default: 0 }) size!: string;
  @Column({ name: 'push_time', type: 'timestamptz', default: () => 'now()' }) pushTime!: Date;
  @Column({ name: 'pull_time', type: 'timestamptz', nullable: true }) pullTime!: Date | null;
  @Column({ name: 'extra_attrs', type: 'jsonb', default: () => "'{}'" }) extraAttrs!: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) annotations!: Record<string, string> | null;
  @Column({ type: 'varchar', length: 255, default: '' }) icon!: string;
}

/** An index's child, with the platform it was listed for. */
@Entity('artifact_reference')
export class ArtifactReferenceEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'parent_id', type: 'int' }) parentId!: number;
  @Column({ name: 'child_id', type: 'int' }) childId!: number;
  @Column({ name: 'child_digest', type: 'varchar', length: 255 }) childDigest!: string;
  @Column({ type: 'jsonb', nullable: true }) platform!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) annotations!: Record<string, string> | null;
}

/** An artifact attached to another one (signature, SBOM, any OCI 1.1 subject). */
@Entity('artifact_accessory')
export class ArtifactAccessoryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'artifact_id', type: 'int' }) artifactId!: number;
  @Column({ name: 'subject_artifact_id', type: 'int' }) subjectArtifactId!: number;
  @Column({ name: 'subject_artifact_digest', type: 'varchar', length: 255 }) subjectArtifactDigest!: string;
  @Column({ name: 'subject_artifact_repo', type: 'varchar', length: 255 }) subjectArtifactRepo!: string;
  @Column({ type: 'varchar', length: 255 }) type!: string;
  @Column({ type: 'bigint', default: 0 }) size!: string;
  @Column({ type: 'varchar', length: 255 }) digest!: string;
  @Column({ name: 'creation_time', type: 'timestamptz', default: () => 'now()' }) creationTime!: Date;
}

/** Tags are rows: deleting one never touches another pointing at the same artifact. */
@Entity('tag')
export class TagEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'repository_id', type: 'int' }) repositoryId!: number;
  @Column({ name: 'artifact_id', type: 'int' }) artifactId!: number;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ name: 'push_time', type: 'timestamptz', default: () => 'now()' }) pushTime!: Date;
  @Column({ name: 'pull_time', type: 'timestamptz', nullable: true }) pullTime!: Date | null;
}
