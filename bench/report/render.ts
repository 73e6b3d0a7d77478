/**
 * Re-renders docs/benchmarks.md and its chart from a results file, e.g. after editing
 * bench/report/notes.md: `node -r @swc-node/register bench/report/render.ts bench/results/<date>.json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderMarkdown } from './markdown';
import type { BenchResults } from './results';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: render.ts bench/results/<date>.json\n');
  process.exit(2);
}
const docs = path.resolve(__dirname, '..', '..', 'docs');
const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
const { markdown, svg } = renderMarkdown(results, path.relative(docs, path.resolve(file)));
writeFileSync(path.join(docs, 'benchmarks.md'), markdown);
writeFileSync(path.join(docs, 'benchmarks-ratios.svg'), svg);
