import { Injectable } from '@nestjs/common';
import { HarborError } from '../common/harbor-error';
import { LabelsRepository } from '../labels/labels.repository';
import { LabelsService } from '../labels/labels.service';
import { ArtifactsService } from './artifacts.service';

/** Attaching labels to artifacts: the label must be global or belong to the artifact's project. */
@Injectable()
export class ArtifactLabelsService {
  constructor(private readonly artifacts: ArtifactsService, private readonly labels: LabelsService, private readonly refs: LabelsRepository) {}

  async attach(repositoryName: string, reference: string, labelId: number): Promise<void> {
    const artifact = await this.artifacts.resolve(repositoryName, reference);
    const label = await this.labels.find(labelId);
    if (label.scope === 'p' && label.project_id !== artifact.project_id) {
      throw HarborError.badRequest(`label ${labelId} does not belong to project ${artifact.project_id}: only global labels and labels of the same project can be added`);
    }
    if (!(await this.refs.attach(labelId, artifact.id))) {
      throw HarborError.conflict(`label ${labelId} is already added to the artifact ${artifact.id}`);
    }
  }

  async detach(repositoryName: string, reference: string, labelId: number): Promise<void> {
    const artifact = await this.artifacts.resolve(repositoryName, reference);
    if (!(await this.refs.detach(labelId, artifact.id))) {
      throw HarborError.notFound(`reference with label ${labelId} and artifact ${artifact.id} not found`);
    }
  }
}
