import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_NODE_FLAGS } from './node-flags';

const root = path.resolve(__dirname, '../../..');
const MAIN = 'dist/apps/api/src/main.js';

describe('the flags the API process runs with', () => {
  it('are the same in the start scripts, the container command and the benchmarks', () => {
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const started = `node ${[...API_NODE_FLAGS, MAIN].join(' ')}`;
    expect(scripts.start).toBe(`npm run build && ${started}`);
    expect(scripts['start:prod']).toBe(started);

    const command = readFileSync(path.join(root, 'Dockerfile'), 'utf8')
      .split('\n')
      .find((line) => line.startsWith('CMD '));
    expect(JSON.parse(command!.slice('CMD '.length))).toEqual(['node', ...API_NODE_FLAGS, MAIN]);

    // The benchmarks start each build with the flags that build ships (bench/support/service-flags.ts).
    expect(readFileSync(path.join(root, 'bench/support/service-flags.ts'), 'utf8')).toContain('apps/api/src/node-flags.js');
  });
});
