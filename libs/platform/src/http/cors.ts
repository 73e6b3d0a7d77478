import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const API_PREFIX = 'v2';

type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/** The API is called from browsers on other origins; credentials travel in headers, never cookies. */
const API_CORS: CorsOptions = {
  origin: true, // reflect the request's Origin
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
  exposedHeaders: ['X-Request-Id'],
  credentials: false,
  maxAge: 600,
};
const NO_CORS: CorsOptions = { origin: false };

function isUnderApiPrefix(url: string): boolean {
  const prefix = `/${API_PREFIX}`;
  return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
}

/**
 * Options for app.enableCors: CORS only for the API under /v2. Health, readiness and metrics are
 * for operators, not browsers, so a preflight to them is answered like any unknown route.
 */
export const API_CORS_OPTIONS: CorsOptions = {
  delegator: (request, callback) => callback(null, isUnderApiPrefix(request.url) ? API_CORS : NO_CORS),
};
