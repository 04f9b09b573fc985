// Issue 11, the max-delete threshold: a plan deleting too many managed files is refused before any write.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deleteThresholdRefusal, parseDeleteLimit } from '../../../src/core/delete-threshold.js';
import type { Plan } from '../../../src/core/operation.js';

const deleting = (n: number): Plan => ({ notes: [], operations: Array.from({ length: n }, (_, i) => ({ op: 'delete' as const, path: `f${i}.sql` })) });

describe('max-delete threshold', () => {
  test('default: more than 50 % of more than 10 managed files refuses; at 50 % or with 10 files it does not', () => {
    assert.equal(deleteThresholdRefusal(deleting(11), 20)?.code, 'tooManyDeletes');
    assert.equal(deleteThresholdRefusal(deleting(10), 20), null);
    assert.equal(deleteThresholdRefusal(deleting(10), 10), null, 'a small root may be emptied');
    assert.equal(deleteThresholdRefusal(deleting(50), 50)?.deletes, 50, 'case 2: 50 of 50');
  });

  test('--max-delete N and P% override the default, 100% allows everything', () => {
    assert.equal(deleteThresholdRefusal(deleting(4), 5, { kind: 'count', max: 3 })?.code, 'tooManyDeletes');
    assert.equal(deleteThresholdRefusal(deleting(3), 5, { kind: 'count', max: 3 }), null);
    assert.equal(deleteThresholdRefusal(deleting(50), 50, { kind: 'percent', max: 100 }), null);
    assert.equal(deleteThresholdRefusal(deleting(3), 10, { kind: 'percent', max: 20 })?.code, 'tooManyDeletes');
  });

  test('the message says how many and names the fix', () => {
    const refusal = deleteThresholdRefusal(deleting(320), 320);
    assert.match(refusal?.message ?? '', /delete 320 of the 320 managed files.*50% of 320/);
    assert.match(refusal?.fix ?? '', /--max-delete 100%/);
  });

  test('parsing: N, P%, and nothing else', () => {
    assert.deepEqual(parseDeleteLimit('20'), { kind: 'count', max: 20 });
    assert.deepEqual(parseDeleteLimit('80%'), { kind: 'percent', max: 80 });
    for (const bad of ['', '-1', '101%', 'ten', '5 files']) assert.equal(parseDeleteLimit(bad), null, bad);
  });
});
