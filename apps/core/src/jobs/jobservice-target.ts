import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { JobServiceClient, type JobServiceTarget, readInternalSecret } from '@harbor-ts/jobs';
import { CORE_CONFIG } from '../tokens';

/**
 * Core's client for jobservice. The address and the secret are read per call from the
 * configuration (the secret file once per path), so jobservice may start after core.
 */
@Injectable()
export class JobserviceConnection {
  readonly client: JobServiceClient;
  private secret: { file: string; value: Promise<string> } | undefined;

  constructor(@Inject(CORE_CONFIG) private readonly config: CoreConfig) {
    this.client = new JobServiceClient(() => this.target());
  }

  private async target(): Promise<JobServiceTarget> {
    const file = this.config.internalSecretFile;
    if (this.secret?.file !== file) this.secret = { file, value: readInternalSecret(file) };
    const secret = await this.secret.value.catch((err: unknown) => {
      this.secret = undefined; // not written yet: try again next time
      throw err;
    });
    return { url: this.config.jobserviceUrl, secret };
  }
}
