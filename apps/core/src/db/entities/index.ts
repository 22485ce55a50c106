import { ArtifactAccessoryEntity, ArtifactEntity, ArtifactReferenceEntity, RepositoryEntity, TagEntity } from './artifact.entities';
import { ArtifactBlobEntity, BlobEntity, ProjectBlobEntity } from './blob.entities';
import { ProjectEntity, ProjectMemberEntity, ProjectMetadataEntity } from './project.entities';
import { RobotEntity } from './robot.entity';
import { AuditLogEntity, PropertyEntity, QuotaEntity } from './system.entities';
import { UserEntity } from './user.entity';

export * from './artifact.entities';
export * from './blob.entities';
export * from './project.entities';
export * from './robot.entity';
export * from './system.entities';
export * from './user.entity';

export const ENTITIES = [
  UserEntity, ProjectEntity, ProjectMetadataEntity, ProjectMemberEntity, RobotEntity,
  RepositoryEntity, ArtifactEntity, ArtifactReferenceEntity, ArtifactAccessoryEntity, TagEntity,
  BlobEntity, ProjectBlobEntity, ArtifactBlobEntity, QuotaEntity, AuditLogEntity, PropertyEntity,
];
