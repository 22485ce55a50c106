import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { HarborError } from '../common/harbor-error';
import { OpenApiDocumentStore } from './openapi.document';

/** Serves the document where Harbor has it: go-swagger's basePath/swagger.json and the portal's /swagger.json. */
@Controller()
@ApiExcludeController()
export class OpenApiController {
  constructor(private readonly store: OpenApiDocumentStore) {}

  @Get(['api/v2.0/swagger.json', 'swagger.json'])
  document(): OpenAPIObject {
    const document = this.store.get();
    if (!document) throw HarborError.notFound('the API document is not available yet');
    return document;
  }
}
