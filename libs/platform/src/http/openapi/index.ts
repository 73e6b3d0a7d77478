export { OPENAPI_SOURCE, type OpenApiSource, type RouteNote } from './openapi-source';
export { buildOpenApiDocument, OPENAPI_DOCUMENT_PATH, NOT_IMPLEMENTED, type AccessExtensions } from './build-openapi-document';
export { setupOpenApi, SWAGGER_UI_PATH } from './setup-openapi';
export { listServedRoutes, type ServedRoute } from './served-routes';
