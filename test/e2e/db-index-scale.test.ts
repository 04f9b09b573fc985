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
    const line = (mode: 'api' | 'index') => `${counts[mode].requests} requests (${counts[mode].listing} of them listing)`;
    t.diagnostic(`sync --full of ${FILES} files without the index: ${line('api')}; with the index: ${line('index')}`);
    assert.ok(counts.api.listing > 10, `the API listing pages every directory (${counts.api.listing})`);
    assert.equal(counts.index.listing, 0);
    assert.equal(counts.api.requests - counts.index.requests, counts.api.listing, 'the index saves exactly the listing requests');
  });
});
