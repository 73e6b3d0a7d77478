import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_READ_MODEL, STREAM_CATALOGUE_READ_MODEL } from '@app/platform';
import { READ_MODELS } from './read-models';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The service's source files: what runs, not its tests. Migrations create the tables, they read no rows. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [full] : [];
  });
}

/**
 * ADR 015: no write waits for a `readers` projection, so whatever reads its tables must first wait
 * with ReadersWait.untilCaughtUp, or a GET right after a 2xx write can miss it. Projections write
 * their own tables and live under a `projections` folder; every other file that names one of those
 * tables reads them (the service reads them in SQL), and must wait.
 */
describe('readers of the projections no write waits for', () => {
  // The stream catalogue included: it runs wherever STREAM_CATALOGUE is on.
  const projections = [PLATFORM_READ_MODEL, STREAM_CATALOGUE_READ_MODEL, ...READ_MODELS].flatMap((model) => model.projections).filter((projection) => projection.awaitedBy === 'readers');
  const tables = projections.flatMap((projection) => projection.tables);
  const readers = [...sourceFiles(path.join(ROOT, 'libs')), ...sourceFiles(path.join(ROOT, 'apps'))]
    .filter((file) => !file.split(path.sep).includes('projections'))
    .map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }))
    .filter(({ text }) => tables.some((table) => new RegExp(`\\b${table}\\b`).test(text)));

  it('knows which those are (the audit and the stream catalogue today)', () => {
    expect(projections.map((projection) => projection.name).sort()).toEqual(['audit', 'stream-catalogue']);
    expect(tables).toContain('audit_entries');
  });

  it('finds the audit timeline among their readers (the check below has something to check)', () => {
    expect(readers.map(({ file }) => file)).toContain(path.join('libs', 'audit', 'src', 'application', 'list-audit-entries.handler.ts'));
  });

  it('every reader waits before it reads', () => {
    expect(readers.filter(({ text }) => !text.includes('readersWait.untilCaughtUp(')).map(({ file }) => file)).toEqual([]);
  });
});
