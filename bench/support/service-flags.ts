import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The Node.js flags a build of the service runs with in production (apps/api/src/node-flags.ts),
 * read from the build itself: a benchmark runs each build as it would be deployed, and a build
 * from before the flags existed runs with none.
 */
export function serviceNodeFlags(buildDir: string): string[] {
  const file = path.join(buildDir, 'apps/api/src/node-flags.js');
  if (!existsSync(file)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return [...(require(file) as { API_NODE_FLAGS: readonly string[] }).API_NODE_FLAGS];
}
