// Which branch chooses the target: --target and DOLPS_TARGET name one; else the CI's branch variables in
// order, never a tag's name; outside a repository (or on a detached HEAD) no branch at all.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { targetRequestOf } from '../../../src/cli/target-branch.js';

const request = (env: Record<string, string>, target?: string) => targetRequestOf({ target }, { env, cwd: tmpdir() });

test('--target wins over DOLPS_TARGET, which wins over the branch', () => {
  assert.deepEqual(request({ DOLPS_TARGET: 'test' }, 'prod').named, { name: 'prod', source: '--target' });
  assert.deepEqual(request({ DOLPS_TARGET: ' test ' }).named, { name: 'test', source: 'DOLPS_TARGET' });
  assert.equal(request({}).named, undefined);
});

test('the branch: CI_COMMIT_BRANCH, the merge request\'s target branch, GITHUB_BASE_REF, GITHUB_REF_NAME, in that order', () => {
  assert.equal(request({ CI_COMMIT_BRANCH: 'main', GITHUB_REF_NAME: 'x' }).branch(), 'main');
  assert.equal(request({ CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'release/2', GITHUB_REF_NAME: 'x' }).branch(), 'release/2');
  assert.equal(request({ GITHUB_BASE_REF: '', GITHUB_REF_NAME: 'develop' }).branch(), 'develop');
  assert.equal(request({ GITHUB_BASE_REF: 'main', GITHUB_REF_NAME: '12/merge' }).branch(), 'main');
});

test('a tag push is no branch; outside a repository there is none either', () => {
  assert.equal(request({ GITHUB_REF_NAME: 'v1.0', GITHUB_REF_TYPE: 'tag', PATH: process.env['PATH'] ?? '' }).branch(), undefined);
});
