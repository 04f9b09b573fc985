// The lines and --json entries of function operations (issue 13's output).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FunctionFields } from '../../../src/core/udf-function.js';
import { functionOperationJson, functionOperationLine, plannedFunctionLines } from '../../../src/udf/render-functions.js';

const fields: FunctionFields = { name: 'to_upper', className: 'com.acme.hive.ToUpper', type: 'HIVE', argTypes: null, database: null, description: null };

describe('function operations as the user reads them', () => {
  it('lines', () => {
    assert.equal(functionOperationLine({ operation: { op: 'func-create', function: 'to_upper', path: 'acme-udfs.jar', fields }, ok: true }),
      'func-create to_upper (com.acme.hive.ToUpper, acme-udfs.jar)');
    assert.equal(functionOperationLine({ operation: { op: 'func-update', function: 'to_upper', path: 'v2.jar', id: 3, fields, changed: ['class', 'jar'] }, ok: true }),
      'func-update to_upper (class, jar; com.acme.hive.ToUpper, v2.jar)');
    assert.equal(functionOperationLine({ operation: { op: 'func-delete', function: 'old', path: 'old.jar', id: 4 }, ok: true }), 'func-delete old (old.jar)');
    assert.equal(functionOperationLine({ operation: { op: 'func-create', function: 'f', path: 'a.jar', fields }, ok: false, error: 'func-create f: server code 20002 "UDF function already exists"' }),
      'FAILED  func-create f: server code 20002 "UDF function already exists"');
  });

  it('--json carries op, function and path', () => {
    assert.deepEqual(functionOperationJson({ operation: { op: 'func-create', function: 'to_upper', path: 'acme-udfs.jar', fields }, ok: true, id: 7 }),
      { op: 'func-create', function: 'to_upper', path: 'acme-udfs.jar', ok: true, id: 7 });
    assert.deepEqual(functionOperationJson({ operation: { op: 'func-skip', function: 'f', path: 'a.jar', reason: 'r' }, ok: true }),
      { op: 'skip', function: 'f', path: 'a.jar', ok: true, reason: 'r' });
  });

  it('a dry run lists the planned operations, a refusal as a failure', () => {
    assert.deepEqual(plannedFunctionLines([
      { op: 'func-delete', function: 'old', path: '', id: 4 },
      { op: 'func-refuse', function: 'mine', path: 'a.jar', id: 3, reason: 'not ours' },
    ]), ['func-delete old', 'FAILED  func-refuse mine: not ours']);
  });
});
