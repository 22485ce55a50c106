import { Module } from '@nestjs/common';
import { ConfigurationsModule } from '../configurations/configurations.module';
import { ImmutabilityPolicy } from './immutability';
import { ListingsHandler } from './listings.handler';
import { ManifestsHandler } from './manifests.handler';
import { PullRecorder } from './pull-recorder';
import { UploadsHandler } from './uploads.handler';
import { V2Access } from './v2-access';
import { V2CallerResolver } from './v2-caller';
import { V2Router } from './v2.router';

const PROVIDERS = [ImmutabilityPolicy, ListingsHandler, ManifestsHandler, PullRecorder, UploadsHandler, V2Access, V2CallerResolver, V2Router];

/** The /v2 chain; mounted as plain express middleware by app.ts so bodies stream. */
@Module({ imports: [ConfigurationsModule], providers: PROVIDERS, exports: [V2Router, ImmutabilityPolicy, PullRecorder] })
export class V2Module {}
