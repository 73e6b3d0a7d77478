import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { startInMemoryDatabasesFrom } from '../database/pglite-pool';

/** One image per PGlite version, shared by every test process of the machine. */
export function pgliteTemplatePath(): string {
  const manifest = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return path.join(tmpdir(), `global-accounts-pglite-${version}-initialised.tar`);
}

/**
 * Makes the image of a freshly initialised embedded database once (jest's global setup, before
 * any test process starts). Written beside its final name and renamed, so that a run interrupted
 * half-way never leaves a torn image behind.
 */
export async function preparePgliteTemplate(): Promise<void> {
  const target = pgliteTemplatePath();
  if (existsSync(target)) return;
  const pglite = await PGlite.create();
  try {
    const image = await pglite.dumpDataDir('none');
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
    renameSync(partial, target);
  } finally {
    await pglite.close();
  }
}

/** In each test file: in-memory databases start from the image when there is one. */
export function usePgliteTemplate(): void {
  const target = pgliteTemplatePath();
  startInMemoryDatabasesFrom(existsSync(target) ? target : undefined);
}
