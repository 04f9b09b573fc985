// Which base a merge-request preview diffs from: the flag, then the CI variables in order, then the
// default branch the clone holds; empty CI variables count as unset.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choosePreviewBase, describePreviewBase } from '../../../src/core/preview-base.js';

describe('choosePreviewBase', () => {
  const env = { CI_MERGE_REQUEST_TARGET_BRANCH_SHA: 'aaa', CI_MERGE_REQUEST_DIFF_BASE_SHA: 'bbb', GITHUB_BASE_SHA: 'ccc' };

  it('--base wins over every CI variable', () => {
    assert.deepEqual(choosePreviewBase({ flag: 'main', env, defaultBranch: 'origin/main' }), { source: 'flag', rev: 'main' });
  });

  it('a merged-results pipeline: the target branch tip before the diff base (the diff base would replay main\'s later commits)', () => {
    assert.deepEqual(choosePreviewBase({ flag: undefined, env, defaultBranch: null }),
      { source: 'variable', rev: 'aaa', variable: 'CI_MERGE_REQUEST_TARGET_BRANCH_SHA' });
  });

  it('GitLab diff base, then GitHub base sha; empty values are unset', () => {
    assert.deepEqual(choosePreviewBase({ flag: '', env: { ...env, CI_MERGE_REQUEST_TARGET_BRANCH_SHA: '' }, defaultBranch: null }),
      { source: 'variable', rev: 'bbb', variable: 'CI_MERGE_REQUEST_DIFF_BASE_SHA' });
    assert.deepEqual(choosePreviewBase({ flag: undefined, env: { GITHUB_BASE_SHA: 'ccc', CI_MERGE_REQUEST_DIFF_BASE_SHA: ' ' }, defaultBranch: null }),
      { source: 'variable', rev: 'ccc', variable: 'GITHUB_BASE_SHA' });
  });

  it('falls back to the default branch, and to none when the clone has none', () => {
    assert.deepEqual(choosePreviewBase({ flag: undefined, env: {}, defaultBranch: 'origin/HEAD' }), { source: 'default-branch', rev: 'origin/HEAD' });
    assert.deepEqual(choosePreviewBase({ flag: undefined, env: {}, defaultBranch: null }), { source: 'none' });
  });

  it('names the base as the user set it', () => {
    assert.equal(describePreviewBase({ source: 'variable', rev: 'bbb', variable: 'CI_MERGE_REQUEST_DIFF_BASE_SHA' }), 'CI_MERGE_REQUEST_DIFF_BASE_SHA=bbb');
    assert.equal(describePreviewBase({ source: 'flag', rev: 'main' }), '--base main');
  });
});
