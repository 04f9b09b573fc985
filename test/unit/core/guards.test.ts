import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pruneRootRefusal } from '../../../src/core/guards.js';

test('case 7: --prune with remote root / refuses unless --prune-root is given', () => {
  for (const remoteRoot of ['/', '//', '/./']) {
    const refusal = pruneRootRefusal({ prune: true, remoteRoot, pruneRoot: false });
    assert.equal(refusal?.code, 'pruneAtRoot', remoteRoot);
    assert.match(refusal?.fix ?? '', /--prune-root/);
  }
  assert.equal(pruneRootRefusal({ prune: true, remoteRoot: '/', pruneRoot: true }), null, '--prune-root lets it through');
  assert.equal(pruneRootRefusal({ prune: false, remoteRoot: '/', pruneRoot: false }), null, 'without --prune nothing foreign is deleted');
  assert.equal(pruneRootRefusal({ prune: true, remoteRoot: '/gitlab', pruneRoot: false }), null, 'a root of its own may be pruned');
});
