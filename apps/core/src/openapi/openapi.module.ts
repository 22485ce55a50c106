import { Module } from '@nestjs/common';
import { OpenApiController } from './openapi.controller';
import { OpenApiDocumentStore } from './openapi.document';

@Module({ controllers: [OpenApiController], providers: [OpenApiDocumentStore] })
export class OpenApiModule {}
