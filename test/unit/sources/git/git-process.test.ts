import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gitContext } from '../../../../src/sources/git/git-process.js';

describe('gitContext', () => {
  it('turns terminal prompts off and drops what a calling hook set to name another repository', () => {
    const ctx = gitContext('/repo', { PATH: '/usr/bin', GIT_DIR: '/elsewhere/.git', GIT_INDEX_FILE: 'idx', GIT_GLOB_PATHSPECS: '1', GIT_TERMINAL_PROMPT: '1' });
    assert.deepEqual(ctx, { cwd: '/repo', env: { PATH: '/usr/bin', GIT_TERMINAL_PROMPT: '0' } });
  });

  it('leaves the environment to the parent when none is injected', () => {
    assert.deepEqual(gitContext('/repo', undefined), { cwd: '/repo', env: undefined });
  });
});
