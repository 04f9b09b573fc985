// The config file, the state file and the log dir stay out of the sync when they lie inside the local
// root, however they are spelled (issue 11, case 8).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { neverSyncedPaths } from '../../../src/cli/never-synced.js';

let top: string;
before(async () => {
  top = await realpath(await mkdtemp(join(tmpdir(), 'never-synced-')));
  await mkdir(join(top, 'repo/etc'), { recursive: true });
  await writeFile(join(top, 'repo/etc/conf.ini'), '[dolps]\ntoken = x\n');
  await symlink(join(top, 'repo'), join(top, 'via-link'));
  await symlink(join(top, 'repo/etc'), join(top, 'etc-link'));
});
after(async () => { await rm(top, { recursive: true, force: true }); });

test('files inside the local root come back relative to it; outside ones, the root itself and unset ones do not', () => {
  assert.deepEqual(
    neverSyncedPaths('/repo/res', ['/repo/res/etc/conf.ini', '/repo/conf.ini', '/repo/res', undefined, '/repo/resources/x', '/repo/res/state.json'], '/'),
    ['etc/conf.ini', 'state.json'],
  );
});

test('case 8: a config file named through a symlink to a directory inside the local root is kept out', () => {
  assert.deepEqual(neverSyncedPaths(join(top, 'repo'), [join(top, 'etc-link/conf.ini')], top), ['etc/conf.ini']);
});

test('case 8: a local root named through a symlink still finds the config, state file and log dir inside it', () => {
  const found = neverSyncedPaths(join(top, 'via-link'), [join(top, 'repo/etc/conf.ini'), join(top, 'repo/not-yet/state.json'), join(top, 'repo/logs')], top);
  assert.deepEqual(found, ['etc/conf.ini', 'logs', 'not-yet/state.json']);
});

test('case 8: relative paths resolve against the working directory given, not the process', () => {
  assert.deepEqual(neverSyncedPaths('repo', ['etc-link/conf.ini'], top), ['etc/conf.ini']);
});
