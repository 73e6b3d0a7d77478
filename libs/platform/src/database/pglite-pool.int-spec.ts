import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describeStoreIndependent } from '../../../../test/support/store-independent';
import { pgliteTemplatePath } from '../testing/pglite-template';
import { PglitePool, startInMemoryDatabasesFrom } from './pglite-pool';

// Always the embedded database, whatever database the run uses.
describeStoreIndependent('In-memory embedded databases started from an image', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'pglite-image-'));
  const image = path.join(folder, 'image.tar');

  beforeAll(async () => {
    // An image with a mark of its own, so a database started from it can be told apart. It starts
    // from the test run's image when there is one: initialising afresh takes seconds, and the
    // last case does it anyway.
    const template = pgliteTemplatePath();
    const source = await PGlite.create(existsSync(template) ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
    await source.exec("CREATE TABLE image_mark (note text); INSERT INTO image_mark VALUES ('from the image')");
    writeFileSync(image, Buffer.from(await (await source.dumpDataDir('none')).arrayBuffer()));
    await source.close();
  });
  afterAll(() => {
    startInMemoryDatabasesFrom(undefined);
    rmSync(folder, { recursive: true, force: true });
  });

  it('given an image, when in-memory databases open, then each starts from it and changes only its own copy', async () => {
    startInMemoryDatabasesFrom(image);
    const first = await PglitePool.open(undefined);
    const second = await PglitePool.open(undefined);
    try {
      await first.query("INSERT INTO image_mark VALUES ('first only')");

      expect((await first.query('SELECT note FROM image_mark ORDER BY note')).rows).toEqual([{ note: 'first only' }, { note: 'from the image' }]);
      expect((await second.query('SELECT note FROM image_mark')).rows).toEqual([{ note: 'from the image' }]);
    } finally {
      await first.end();
      await second.end();
    }
  });

  it('given no image, when an in-memory database opens, then it is initialised afresh', async () => {
    startInMemoryDatabasesFrom(undefined);
    const pool = await PglitePool.open(undefined);
    try {
      expect((await pool.query("SELECT to_regclass('image_mark') AS mark")).rows).toEqual([{ mark: null }]);
    } finally {
      await pool.end();
    }
  });
});
