import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathsInside } from '../../../src/cli/runtime.js';

test('files inside the local root come back relative to it; outside ones, the root itself and unset ones do not', () => {
  assert.deepEqual(
    pathsInside('/repo/res', ['/repo/res/etc/conf.ini', '/repo/conf.ini', '/repo/res', undefined, '/repo/resources/x', '/repo/res/state.json']),
    ['etc/conf.ini', 'state.json'],
  );
});
