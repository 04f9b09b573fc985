// Issue 11 case 4: a marker written by another repository is not trusted; old markers are adopted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMarker, serializeMarker, type Marker } from '../../../src/core/marker.js';
import { identityRefusal } from '../../../src/core/repository-identity.js';

const [R1, R2, R3] = ['1'.repeat(40), '2'.repeat(40), '3'.repeat(40)] as const;

describe('case 4: another repository pointed at a root this one manages', () => {
  test('no shared root commit refuses, naming both and --adopt', () => {
    const refusal = identityRefusal({ rootCommits: [R1], remote: 'https://***@git.example/theirs.git' }, { rootCommits: [R2] }, false);
    assert.equal(refusal?.code, 'otherRepository');
    assert.match(refusal?.message ?? '', /another repository \(https:\/\/\*\*\*@git\.example\/theirs\.git\).*111111111111.*222222222222/);
    assert.match(refusal?.fix ?? '', /--adopt/);
  });

  test('one shared root commit (a merged history, a fork, a mirror) is the same repository', () => {
    assert.equal(identityRefusal({ rootCommits: [R1, R3] }, { rootCommits: [R3] }, false), null);
  });

  test('--adopt, a marker without identity, or a shallow clone (no root known) never refuses', () => {
    assert.equal(identityRefusal({ rootCommits: [R1] }, { rootCommits: [R2] }, true), null);
    assert.equal(identityRefusal(undefined, { rootCommits: [R2] }, false), null);
    assert.equal(identityRefusal({ rootCommits: [R1] }, { rootCommits: [] }, false), null);
  });

  test('the marker keeps the identity through a round trip; an old marker reads without one', () => {
    const marker: Marker = { version: 1, commit: R1, localRoot: '', remoteRoot: '/r', syncedAt: '', tool: 't', files: [], repository: { rootCommits: [R2], remote: '/srv/x.git' } };
    assert.deepEqual(parseMarker(serializeMarker(marker)), { marker });
    const old = parseMarker(JSON.stringify({ version: 1, commit: R1, localRoot: '', remoteRoot: '/r', files: [] }));
    assert.ok('marker' in old && old.marker.repository === undefined);
    const junk = parseMarker(JSON.stringify({ version: 1, commit: R1, localRoot: '', remoteRoot: '/r', repository: { rootCommits: ['x', R3] } }));
    assert.ok('marker' in junk && junk.marker.repository?.rootCommits.join() === R3);
  });
});
