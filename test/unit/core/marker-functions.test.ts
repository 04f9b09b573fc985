// The marker's `functions` field (issue 13): markers written before it still parse, new ones
// round-trip, and the managed set follows the applied function operations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextManagedFunctions, parseMarker, serializeMarker, type Marker } from '../../../src/core/marker.js';
import { jarsUnder, recordedJars } from '../../../src/core/udf-jars.js';

const COMMIT = 'a'.repeat(40);
const OLD_MARKER = `{
  "version": 1,
  "commit": "${COMMIT}",
  "localRoot": "",
  "remoteRoot": "/gitlab",
  "syncedAt": "2026-11-30T10:00:00.000Z",
  "tool": "dolps-sync 0.1.0",
  "files": ["a.sql", "udf/acme.jar"]
}
`;

describe('marker: managed UDF functions', () => {
  it('a marker written before UDF support parses, with no functions field', () => {
    const reading = parseMarker(OLD_MARKER);
    assert.ok('marker' in reading);
    assert.equal(reading.marker.functions, undefined);
    assert.equal(reading.marker.udfJars, undefined);
    assert.deepEqual(reading.marker.files, ['a.sql', 'udf/acme.jar']);
    // A repository without a UDF folder writes the marker it wrote before.
    assert.doesNotMatch(serializeMarker(reading.marker), /functions|udfJars/);
    assert.deepEqual(parseMarker(serializeMarker(reading.marker)), reading);
  });

  it('a marker with functions round-trips', () => {
    const marker: Marker = {
      version: 1, commit: COMMIT, localRoot: '', remoteRoot: '/gitlab', syncedAt: '2026-12-02T08:00:00.000Z', tool: 'dolps-sync',
      files: ['a.sql'], functions: [{ name: 'to_lower', id: 4 }, { name: 'to_upper', id: 3 }],
    };
    assert.deepEqual(parseMarker(serializeMarker(marker)), { marker });
  });

  it('entries that are not {name, id} are dropped, not fatal', () => {
    const text = OLD_MARKER.replace('"files"', '"functions": [{"name": "f", "id": 2}, {"name": "g"}, {"name": "", "id": 3}, "h", {"name": "i", "id": 1.5}],\n  "files"');
    const reading = parseMarker(text);
    assert.ok('marker' in reading);
    assert.deepEqual(reading.marker.functions, [{ name: 'f', id: 2 }]);
  });

  it('nextManagedFunctions: created and adopted are added, deleted removed, by name', () => {
    const next = nextManagedFunctions(
      [{ name: 'old', id: 1 }, { name: 'kept', id: 2 }],
      [{ name: 'manual', id: 9 }],
      [{ op: 'func-create', function: 'new', id: 10 }, { op: 'func-delete', function: 'old', id: 1 }, { op: 'func-update', function: 'kept', id: 2 }],
    );
    assert.deepEqual(next, [{ name: 'kept', id: 2 }, { name: 'manual', id: 9 }, { name: 'new', id: 10 }]);
  });

  it('managed UDF jars round-trip as absolute paths; bad entries are dropped', () => {
    const text = OLD_MARKER.replace('"files"', '"udfJars": ["/gitlab/acme.jar", "/gitlab/lib/v2.jar", "relative.jar", "/gitlab/../x.jar", 3],\n  "files"');
    const reading = parseMarker(text);
    assert.ok('marker' in reading);
    assert.deepEqual(reading.marker.udfJars, ['/gitlab/acme.jar', '/gitlab/lib/v2.jar']);
    assert.deepEqual(parseMarker(serializeMarker(reading.marker)), reading);
  });

  it('managed jars are read under the UDF remote dir only: another directory\'s jars are never ours', () => {
    assert.deepEqual(jarsUnder(['/gitlab/acme.jar', '/gitlab/lib/v2.jar', '/other/x.jar', '/gitlabx/y.jar'], '/gitlab'), ['acme.jar', 'lib/v2.jar']);
    assert.deepEqual(jarsUnder(undefined, '/gitlab'), []);
    assert.deepEqual(recordedJars(['lib/v2.jar', 'acme.jar'], '/gitlab'), ['/gitlab/acme.jar', '/gitlab/lib/v2.jar']);
    assert.deepEqual(recordedJars(['a.jar'], '/'), ['/a.jar']);
    assert.deepEqual(jarsUnder(['/a.jar'], '/'), ['a.jar']);
  });
});
