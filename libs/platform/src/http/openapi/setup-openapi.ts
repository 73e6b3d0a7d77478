import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument, OPENAPI_DOCUMENT_PATH } from './build-openapi-document';
import { OPENAPI_SOURCE, type OpenApiSource } from './openapi-source';
import { serveSwaggerUi } from './swagger-ui';

export const SWAGGER_UI_PATH = 'docs';

/**
 * Serves GET /v2/openapi.json and Swagger UI at /docs when the root module provides an
 * OPENAPI_SOURCE; an app without one (a test fixture, say) serves neither. The document is built
 * on first request, once every route is known.
 */
export function setupOpenApi(app: INestApplication): void {
  let source: OpenApiSource;
  try {
    source = app.get<OpenApiSource>(OPENAPI_SOURCE, { strict: false });
  } catch {
    return;
  }
  SwaggerModule.setup(SWAGGER_UI_PATH, app, () => buildOpenApiDocument(app, source), {
    jsonDocumentUrl: OPENAPI_DOCUMENT_PATH,
    raw: ['json'],
    ui: false,
  });
  serveSwaggerUi(app.getHttpAdapter().getInstance(), SWAGGER_UI_PATH, OPENAPI_DOCUMENT_PATH, `${source.contract.info.title} ${source.contract.info.version}`);
}
