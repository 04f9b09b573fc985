// The listing after the writes that stamps the marker's identities (issue 12 goal (b)): an incremental
// run lists only the directories it wrote, so its cost follows the changes, not the size of the root.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityListing } from '../../../src/app/pipeline/identities-after.js';
import { runSync } from '../../../src/app/sync.js';
import { collectingLogger } from '../../../src/core/logger.js';
import { MARKER_NAME, parseMarker } from '../../../src/core/marker.js';
import type { Operation } from '../../../src/core/operation.js';
import { MemoryGit } from '../../fakes/memory-git.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

const SETTINGS = { remoteRoot: '/gitlab', concurrency: 2, excludes: [], alwaysIgnored: [], toolVersion: 'test' };
const file = (path: string) => ({ path, id: { kind: 'git-blob', hex: 'ab'.repeat(20) }, size: 1 }) as never;

describe('identity listing after the writes', () => {
  test('a full reconcile lists the whole root with sizes', () => {
    assert.deepEqual(identityListing(true, []), { withSizes: true });
  });

  test('an incremental run lists only the directories of the files it created, updated or renamed', () => {
    const applied: Operation[] = [
      { op: 'create', path: 'd/x.sql', file: file('d/x.sql') }, { op: 'update', path: 'a.sh', file: file('a.sh') },
      { op: 'delete', path: 'e/y.sh' }, { op: 'mkdir', path: 'f' },
    ] as Operation[];
    const listing = identityListing(false, applied);
    assert.equal(listing?.withSizes, false);
    assert.deepEqual([...listing?.detailsIn ?? []].sort(), ['', 'd']);
    assert.equal(listing?.detailsOnly, true, 'nothing but those directories is read (3.3 has no tree listing: a walk of the root otherwise)');
  });

  test('an incremental run that wrote no file lists nothing', () => {
    assert.equal(identityListing(false, [{ op: 'delete', path: 'y.sh' }] as Operation[]), undefined);
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

function contentsOf(center: MemoryResourceCenter): Record<string, { size: number; updateTime: string } | undefined> {
  const reading = parseMarker(center.files.get(MARKER_NAME)?.toString('utf8') ?? '');
  return reading && 'marker' in reading ? reading.marker.contents ?? {} : {};
}
