// A shallow clone deepened (or a commit fetched alone) to reach the marker's commit is said in a note:
// a CI job that reads more than it cloned says why, and how to avoid it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { collectingLogger } from '../../../src/core/logger.js';
import { openGitSource } from '../../../src/sources/git/git-reader.js';
import { git, gitEnv, makeRepo, type TestRepo } from '../../helpers/gitdir.js';

describe('fetchCommit notes', () => {
  let origin: TestRepo;
  let work: string;
  let clone: string;
  let oldest: string;
  let side: string;

  before(async () => {
    origin = await makeRepo({ 'a.sql': 'a' });
    oldest = await origin.head();
    for (let i = 0; i < 3; i++) await origin.commit({ [`s${i}.sql`]: String(i) });
    await origin.run('checkout', '--quiet', '-b', 'side', oldest);
    side = await origin.commit({ 'side.sql': 'side' });
    await origin.run('checkout', '--quiet', 'main');
    work = await mkdtemp(join(tmpdir(), 'dolps-shallow-'));
    clone = join(work, 'clone');
    await git(work, ['clone', '--quiet', '--depth', '1', '--branch', 'main', `file://${origin.dir}`, clone]);
  });
  after(async () => {
    await origin?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('deepening says so, with the setting that avoids it', async () => {
    const logger = collectingLogger();
    const source = await openGitSource(clone, { env: gitEnv, fetch: { logger } });
    assert.equal(await source.fetchCommit(oldest), true);
    const notes = logger.entries.filter((e) => e.level === 'note').map((e) => e.message);
    assert.deepEqual(notes, [`commit ${oldest.slice(0, 12)} is not in this shallow clone: deepened it by 50 commits from origin`
      + ' (a full clone avoids this: GIT_DEPTH: 0 in GitLab, fetch-depth: 0 in GitHub Actions)']);
  });

  it('a commit fetched alone says so; a commit already present says nothing', async () => {
    const logger = collectingLogger();
    const source = await openGitSource(clone, { env: gitEnv, fetch: { logger } });
    assert.equal(await source.fetchCommit(side), true);
    assert.equal(await source.fetchCommit(oldest), true);
    assert.deepEqual(logger.entries.map((e) => e.message), [`commit ${side.slice(0, 12)} was not in this clone: fetched it alone from origin`]);
  });
});
