import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * `METHOD /path` of every route the running app registered, read from Fastify's route tree
 * (HEAD, which Fastify adds to each GET, and the CORS preflight catch-all left out).
 */
export function registeredRoutes(app: NestFastifyApplication): string[] {
  const tree: string = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    const parent = stack.at(-1) ?? '';
    const path = parent.endsWith('/') && match[2].startsWith('/') ? parent + match[2].slice(1) : parent + match[2];
    stack.push(path);
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push(`${method} ${path.startsWith('/') ? path : `/${path}`}`);
    }
  }
  return routes.sort();
}
