// Which directories a run's listing must describe with update times (issue 12): an incremental run, those of
// the managed files its changes touch; a full reconcile, those of every managed file with an identity, so that
// a listing without update times of its own (the 3.0/3.1 metadata index) still proves them without downloads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { driftListing } from '../../../src/app/pipeline/drift-check.js';
import type { RecordedState } from '../../../src/app/pipeline/state-store.js';
import type { FileIdentity } from '../../../src/core/file-identity.js';

const identity: FileIdentity = { id: 'sha256:00', size: 1, updateTime: '2026-01-01 00:00:01' };
const recorded = (paths: string[]): RecordedState => ({
  managed: new Set(paths), vouch: () => undefined, identities: new Map(paths.map((p) => [p, identity])),
});

describe('driftListing', () => {
  test('a full reconcile asks for the directories of every managed file with an identity', () => {
    const dirs = driftListing({ kind: 'tree', tree: { files: new Map(), unsupported: [] } }, recorded(['a.sh', 'd/b.sql', 'd/e/c.sql']));
    assert.deepEqual([...dirs ?? []].sort(), ['', 'd', 'd/e']);
  });

  test('an incremental run asks only for the directories of the managed files it changes', () => {
    const dirs = driftListing({ kind: 'changes', changes: [{ kind: 'deleted', path: 'd/b.sql' }] }, recorded(['a.sh', 'd/b.sql']));
    assert.deepEqual([...dirs ?? []], ['d']);
  });

  test('no identities recorded: nothing to ask for', () => {
    assert.equal(driftListing({ kind: 'tree', tree: { files: new Map(), unsupported: [] } }, recorded([])), undefined);
  });
});
