// The listing after the writes that stamps the marker's identities (issue 12 goal (b)): an incremental
// run lists only the directories it wrote, so its cost follows the changes, not the size of the root, and
// none at all for files whose write answered their size and update time (3.0/3.1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityListing } from '../../../src/app/pipeline/identities-after.js';
import { runSync } from '../../../src/app/sync.js';
import { collectingLogger } from '../../../src/core/logger.js';
import type { FileIdentity } from '../../../src/core/file-identity.js';
import { MARKER_NAME, parseMarker } from '../../../src/core/marker.js';
import { MemoryGit } from '../../fakes/memory-git.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

const SETTINGS = { remoteRoot: '/gitlab', concurrency: 2, excludes: [], alwaysIgnored: [], toolVersion: 'test' };

describe('identity listing after the writes', () => {
  test('a full reconcile lists the whole root with sizes, unless every stamped file was answered', () => {
    assert.deepEqual(identityListing(true, ['a.sh']), { withSizes: true });
    assert.equal(identityListing(true, []), undefined);
  });

  test('an incremental run lists only the directories of the written files whose answer did not tell their facts', () => {
    const listing = identityListing(false, ['d/x.sql', 'a.sh', 'd/y.sql']);
    assert.equal(listing?.withSizes, false);
    assert.deepEqual([...listing?.detailsIn ?? []].sort(), ['', 'd']);
    assert.equal(listing?.detailsOnly, true, 'nothing but those directories is read (3.3 has no tree listing: a walk of the root otherwise)');
  });

  test('nothing unanswered, nothing listed', () => {
    assert.equal(identityListing(false, []), undefined);
  });

  test('writes answered with their facts (3.0/3.1) are stamped from the answers, with no listing after the writes', async () => {
    const git = new MemoryGit();
    git.commit({ 'a.sh': 'a\n', 'd/b.sql': 'select 1;\n', 'e/c.sql': 'select 2;\n' });
    const center = new MemoryResourceCenter({ updateTimes: true, answers: true });
    const sync = () => runSync({ to: 'HEAD', dryRun: false, full: false, prune: false }, SETTINGS, { git, center, clock: () => new Date(), logger: collectingLogger() });
    await sync();
    git.commit({ 'a.sh': 'a\n', 'd/b.sql': 'select 1, 2, 3;\n', 'e/c.sql': 'select 2;\n', 'e/n.sql': 'select 3;\n' });
    const before = center.calls.length;
    await sync();
    const calls = center.calls.slice(before).map((c) => `${c.op} ${c.path}`);
    const firstWrite = calls.findIndex((call) => /^(create|update) [de]\//.test(call));
    assert.ok(firstWrite >= 0, calls.join(', '));
    assert.deepEqual(calls.slice(firstWrite).filter((call) => call.startsWith('list')), [], `no listing after the file writes: ${calls.join(', ')}`);
    const contents = contentsOf(center);
    assert.deepEqual(contents['d/b.sql'], { id: contents['d/b.sql']?.id, size: 'select 1, 2, 3;\n'.length, updateTime: center.updated.get('d/b.sql'), fromAnswer: true });
    assert.equal(contents['e/n.sql']?.fromAnswer, true);
  });

  test('an incremental sync still stamps the files it wrote with what the server says now, and keeps the others', async () => {
    const git = new MemoryGit();
    git.commit({ 'a.sh': 'a\n', 'd/b.sql': 'select 1;\n', 'e/c.sql': 'select 2;\n' });
    const center = new MemoryResourceCenter({ updateTimes: true });
    const sync = () => runSync({ to: 'HEAD', dryRun: false, full: false, prune: false }, SETTINGS, { git, center, clock: () => new Date(), logger: collectingLogger() });
    await sync();
    const before = contentsOf(center);
    git.commit({ 'a.sh': 'a\n', 'd/b.sql': 'select 1, 2, 3;\n', 'e/c.sql': 'select 2;\n' });
    await sync();
    const after = contentsOf(center);
    assert.equal(after['d/b.sql']?.size, 'select 1, 2, 3;\n'.length, 'the updated file is stamped with its new size');
    assert.notEqual(after['d/b.sql']?.updateTime, before['d/b.sql']?.updateTime);
    assert.deepEqual(after['e/c.sql'], before['e/c.sql'], 'an untouched file keeps its recorded identity');
    assert.deepEqual(after['a.sh'], before['a.sh']);
  });
});

function contentsOf(center: MemoryResourceCenter): Record<string, FileIdentity | undefined> {
  const reading = parseMarker(center.files.get(MARKER_NAME)?.toString('utf8') ?? '');
  return reading && 'marker' in reading ? reading.marker.contents ?? {} : {};
}
