import { Injectable, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { HARBOR_VERSION } from '../systeminfo/version';

/** Harbor's basePath: the document lists paths relative to it, as Harbor's swagger does. */
export const API_BASE_PATH = '/api/v2.0';

/** Holds the document built once the application's routes are known (see mountOpenApi). */
@Injectable()
export class OpenApiDocumentStore {
  private document: OpenAPIObject | undefined;

  set(document: OpenAPIObject): void {
    this.document = document;
  }

  get(): OpenAPIObject | undefined {
    return this.document;
  }
}

/**
 * Builds the OpenAPI document from the controllers the running application has and makes it
 * available at /api/v2.0/swagger.json and /swagger.json. Call it after app.init(): the document
 * can only list routes once every feature module is registered.
 */
export function mountOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  app.get(OpenApiDocumentStore).set(document);
  return document;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Harbor API')
    .setDescription(`These APIs provide services for manipulating Harbor project. (${HARBOR_VERSION})`)
    .setVersion('2.0')
    .addServer(API_BASE_PATH)
    .addBasicAuth({ type: 'http', scheme: 'basic' }, 'basic')
    .addSecurityRequirements('basic')
    .build();
  const full = SwaggerModule.createDocument(app, config);
  return { ...full, paths: underBasePath(full.paths) };
}

/** Only the REST API belongs in Harbor's document; /v2, /service, /c and /api/version do not. */
function underBasePath(paths: OpenAPIObject['paths']): OpenAPIObject['paths'] {
  const kept: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(paths)) {
    if (path.startsWith(`${API_BASE_PATH}/`)) kept[path.slice(API_BASE_PATH.length)] = item;
  }
  return kept;
}
