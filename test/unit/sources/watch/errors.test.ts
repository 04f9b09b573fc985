import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WatchError, watchErrorFrom } from '../../../../src/sources/watch/errors.js';

describe('watchErrorFrom', () => {
  it('turns ENOSPC from inotify into watchLimit with the sysctl to raise it', () => {
    const err = watchErrorFrom(Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' }), '/srv/etl');
    assert.equal(err.code, 'watchLimit');
    assert.equal(err.path, '/srv/etl');
    assert.match(err.message, /fs\.inotify\.max_user_watches/);
  });

  it('keeps other errors as watcherFailed with their message and cause', () => {
    const cause = Object.assign(new Error('EACCES: permission denied, scandir /srv/etl/private'), { code: 'EACCES' });
    const err = watchErrorFrom(cause, '/srv/etl');
    assert.equal(err.code, 'watcherFailed');
    assert.match(err.message, /permission denied/);
    assert.equal(err.cause, cause);
  });

  it('passes a WatchError through', () => {
    const original = new WatchError('rootMissing', '/x', 'gone');
    assert.equal(watchErrorFrom(original, '/y'), original);
  });
});
