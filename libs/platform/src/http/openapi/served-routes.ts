import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

export interface ServedRoute {
  readonly method: string;
  /** Fastify's template, e.g. `/v2/accounts/:account_id`. */
  readonly url: string;
}

const catalogues = new WeakMap<object, ServedRoute[]>();

/**
 * Records every route Fastify registers from now on (plugins included), so the OpenAPI
 * completeness test can compare what is served with what is documented.
 */
export function recordServedRoutes(fastify: FastifyInstance): void {
  const routes: ServedRoute[] = [];
  catalogues.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}

export function listServedRoutes(app: INestApplication): readonly ServedRoute[] {
  return catalogues.get(app.getHttpAdapter().getInstance()) ?? [];
}
