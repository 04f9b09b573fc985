// The index cuts the listing requests of `sync --full`; 200 files in 20 directories prove it as well as
// 2,000 do (the 2,000-file figure is printed by `npm run bench`). PostgreSQL only: the counts are
// dolps-sync's requests, the same on MariaDB, whose behaviour with the index db-index-sync.test.ts covers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeWithServer, probeServer } from '../helpers/databases.js';
import { PRODUCT } from './db-index-support.js';
import { measureFullReconcile } from './db-index-scale-scenario.js';

const FILES = 200;

const gate = await probeServer('postgresql');
describeWithServer(gate, `full reconcile of ${FILES} files with the index on ${PRODUCT.postgresql}`, () => {
  test('the index cuts the requests of `sync --full` and rewrites nothing', async (t) => {
    const counts = await measureFullReconcile('postgresql', FILES);
    const line = (mode: 'api' | 'index') => `${counts[mode].requests} requests (${counts[mode].listing} of them listing, ${counts[mode].downloads} downloads)`;
    t.diagnostic(`sync --full of ${FILES} files without the index: ${line('api')}; with the index: ${line('index')}`);
    assert.ok(counts.api.listing > 10, `the API listing pages every directory (${counts.api.listing})`);
    assert.deepEqual([counts.api.tree, counts.index.tree], [1, 0], 'with the index no API tree is read');
    // The marker's identities (recorded from the writes' answers) prove every file unchanged: with the index
    // too, from the pages of the 10 directories that hold files (the rows have no update time).
    assert.deepEqual([counts.api.downloads, counts.index.downloads], [0, 0], 'no file is downloaded to compare');
    assert.equal(counts.index.listing, 10, 'the pages of the directories holding managed files, not of every directory');
    assert.equal(counts.api.requests - counts.index.requests, counts.api.listing - counts.index.listing, 'the index saves listing requests and adds none');
  });
});
