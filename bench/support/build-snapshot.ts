import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * A private copy of dist/ for the run. The server, the admin CLI and every process the run starts
 * then use one build, even if dist/ is rebuilt while the run goes on (a mixed pair would disagree
 * on the projections there are). It sits under node_modules/.cache so that the copy still
 * resolves the repository's node_modules.
 */
export function snapshotBuild(root: string): string {
  const dist = path.join(root, 'dist');
  if (!existsSync(path.join(dist, 'apps/api/src/main.js'))) throw new Error('No production build in dist/: run `npm run build` first');
  const copy = path.join(root, 'node_modules', '.cache', 'bench-dist');
  rmSync(copy, { recursive: true, force: true });
  cpSync(dist, copy, { recursive: true });
  return copy;
}
