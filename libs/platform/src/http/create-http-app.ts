import type { IncomingMessage } from 'node:http';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { fastifyTrustProxy, trustedProxiesOf } from '../config/trusted-proxies';
import { PinoNestLogger } from '../logging/nest-logger';
import { installHttpMetrics } from '../metrics/http-metrics';
import { ApiExceptionFilter } from './api-exception.filter';
import { writeClientErrorReply } from './client-error-reply';
import { installContentEncodingCheck } from './content-encoding.hook';
import { API_CORS_OPTIONS, API_PREFIX } from './cors';
import { registerLenientJsonParsers } from './lenient-json-parsers';
import { NulCharacterPipe } from './nul-character.pipe';
import { recordServedRoutes } from './openapi/served-routes';
import { setupOpenApi } from './openapi/setup-openapi';
import { installRequestContextHooks } from './request-context.hooks';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';
import { OWN_WRITES_WAIT, ReplyAfterOwnWrites, type OwnWritesWait } from './reply-after-own-writes';
import { installReplyHeaders } from './reply-headers.hook';
import { applySecurityHeaders } from './security-headers';
import { createValidationPipe } from './validation.pipe';

/**
 * Routes outside /v2: operator endpoints, and the authorization server's browser pages, which
 * clients call at the root (`/`, `/signin`, ...).
 */
const UNPREFIXED_ROUTES = ['healthz', 'readyz', 'metrics', '/', 'signin', 'signup', 'signout', 'consent', 'ooops'];

/**
 * The HTTP application around `rootModule`, configured but not listening: call
 * `app.listen(config.port, config.host)` to serve, or `app.init()` to test with Fastify's inject.
 * Import HealthModule in the root module for /healthz and /readyz, MetricsModule for /metrics, and
 * provide OPENAPI_SOURCE for /v2/openapi.json and /docs.
 */
export async function createHttpApp(rootModule: Type<unknown> | DynamicModule, config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // A request's address (`request.ip`) is X-Forwarded-For's only as far as these proxies are trusted.
    trustProxy: fastifyTrustProxy(trustedProxiesOf(config.trustProxy) ?? false),
    loggerInstance: logger,
    // Fastify's request id is ours: a valid incoming X-Request-Id, or a fresh UUID.
    genReqId: (request: IncomingMessage) => resolveRequestId(request.headers[REQUEST_ID_HEADER]),
    requestIdHeader: false,
    // OAuth clients also call the token endpoint at the root: `/token` is served as `/v2/token`.
    rewriteUrl: (request: IncomingMessage) => (request.url ?? '/').replace(/^\/token(?=\?|$)/, `/${API_PREFIX}/token`),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // Fastify's router rejects a malformed URL before any hook runs, and would answer with its own
    // error shape; hand the error to the application's error handler, i.e. our exception filter.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      applySecurityHeaders(reply);
      adapter.getInstance().errorHandler(error, request, reply);
    },
    // Requests Node's parser refuses (e.g. headers over 16 KiB) never reach the router either.
    clientErrorHandler: writeClientErrorReply,
  });
  installRequestContextHooks(adapter);
  installReplyHeaders(adapter.getInstance());
  const replyAfterOwnWrites = new ReplyAfterOwnWrites();
  replyAfterOwnWrites.install(adapter.getInstance());
  installHttpMetrics(adapter.getInstance());
  recordServedRoutes(adapter.getInstance());
  installContentEncodingCheck(adapter.getInstance());
  registerLenientJsonParsers(adapter.getInstance(), config.bodyLimitBytes);

  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  replyAfterOwnWrites.use(optionalProvider<OwnWritesWait>(app, OWN_WRITES_WAIT));
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.useGlobalFilters(new ApiExceptionFilter(logger));
  app.useGlobalPipes(new NulCharacterPipe(), createValidationPipe());
  app.enableCors(API_CORS_OPTIONS);
  setupOpenApi(app);
  return app;
}

/** A provider the root module may or may not have (test fixtures have none). */
function optionalProvider<T>(app: NestFastifyApplication, token: symbol): T | undefined {
  try {
    return app.get<T>(token, { strict: false });
  } catch {
    return undefined;
  }
}
