import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * The Swagger UI files the page loads, and their types; nothing else of the folder is served. A Map:
 * a path segment looked up in an object literal finds its prototype's names too (`valueOf`).
 */
const ASSETS: ReadonlyMap<string, string> = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'application/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'application/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
]);

/**
 * Swagger UI at `/<at>`, reading the document from `documentUrl`. Served by hand rather than by
 * SwaggerModule's static plugin: that plugin drags in ESM-only packages the test runner cannot
 * load, and four fixed files need no plugin. No inline script, so a strict CSP would hold.
 */
export function serveSwaggerUi(fastify: FastifyInstance, at: string, documentUrl: string, title: string): void {
  const folder = swaggerUiFolder();
  const cache = new Map<string, Buffer>();
  const page = swaggerPage(at, title);
  const init = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: ${JSON.stringify(documentUrl)}, dom_id: '#swagger-ui', deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
};\n`;

  fastify.get(`/${at}`, (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  fastify.get(`/${at}/swagger-ui-init.js`, (_request, reply) => reply.type('application/javascript; charset=utf-8').send(init));
  fastify.get<{ Params: { asset: string } }>(`/${at}/:asset`, (request, reply) => {
    const type = ASSETS.get(request.params.asset);
    // Anything else is an unknown route, answered like every other one (the error envelope).
    if (!type) return reply.callNotFound();
    let body = cache.get(request.params.asset);
    if (!body) cache.set(request.params.asset, (body = readFileSync(path.join(folder, request.params.asset))));
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(body);
  });
}

/** swagger-ui-dist, as @nestjs/swagger (which depends on it) finds it. */
function swaggerUiFolder(): string {
  const swagger = path.dirname(require.resolve('@nestjs/swagger'));
  return path.dirname(require.resolve('swagger-ui-dist/swagger-ui-bundle.js', { paths: [swagger] }));
}

function swaggerPage(at: string, title: string): string {
  const escaped = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escaped}</title>
  <link rel="stylesheet" href="/${at}/swagger-ui.css">
  <link rel="icon" type="image/png" href="/${at}/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/${at}/swagger-ui-bundle.js"></script>
  <script src="/${at}/swagger-ui-standalone-preset.js"></script>
  <script src="/${at}/swagger-ui-init.js"></script>
</body>
</html>
`;
}
