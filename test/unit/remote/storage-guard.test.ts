import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RemoteError } from '../../../src/remote/errors.js';
import { CurrentDirCheck, type Evidence } from '../../../src/remote/storage-guard.js';

const fail = (why: string) => new RemoteError('rejected', 'connect', why);

function guard(evidence: () => Promise<Evidence>, confirmed = true): { check: CurrentDirCheck; proofs: () => number } {
  let proofs = 0;
  const check = new CurrentDirCheck(true, confirmed, () => { proofs++; return evidence(); }, fail);
  return { check, proofs: () => proofs };
}

describe('currentDir check', () => {
  it('is off where the generation does not need it', async () => {
    const check = new CurrentDirCheck(false, true, () => assert.fail('no proof needed'), fail);
    let writes = 0;
    await check.run(true, async () => { writes++; return true; }, () => assert.fail('no probe'));
    assert.equal(writes, 1);
  });

  it('top-level writes of a confirmed tenant need no proof; sub-directory writes wait for one shared proof', async () => {
    const { check, proofs } = guard(async () => true);
    let writes = 0;
    const write = async () => { writes++; return true; };
    await check.run(false, write, async () => undefined);
    assert.equal(proofs(), 0);
    await Promise.all([check.run(true, write, async () => undefined), check.run(true, write, async () => undefined)]);
    assert.equal(proofs(), 1);
    assert.equal(writes, 3);
  });

  it('a failed proof is asked again by the next write', async () => {
    let calls = 0;
    const { check } = guard(async () => { if (calls++ === 0) throw new Error('listing failed'); return true; });
    await assert.rejects(check.run(true, async () => true, async () => undefined), /listing failed/);
    await check.run(true, async () => true, async () => undefined);
  });

  it('evidence against stops every write, top-level ones included, before they are sent', async () => {
    const { check } = guard(async () => undefined);
    check.note(false);
    let writes = 0;
    await assert.rejects(check.run(false, async () => { writes++; return true; }, async () => undefined), /refuted/);
    assert.equal(writes, 0);
  });

  it('an unconfirmed tenant with nothing to compare writes nothing', async () => {
    const { check } = guard(async () => undefined, false);
    let writes = 0;
    await assert.rejects(check.run(false, async () => { writes++; return true; }, async () => undefined), /unproven/);
    assert.equal(writes, 0);
  });

  it('without proof the first sub-directory write is the probe; an inconclusive probe hands over to the next write', async () => {
    const { check } = guard(async () => undefined);
    const order: string[] = [];
    const landed = async () => { order.push('landed'); return undefined; };
    const existed = check.run(true, async () => { order.push('probe 1 (existed)'); return false; }, landed);
    const second = check.run(true, async () => { order.push('probe 2'); return true; }, landed);
    const third = check.run(true, async () => { order.push('after'); return true; }, landed);
    await Promise.all([existed, second, third]);
    assert.deepEqual(order, ['probe 1 (existed)', 'probe 2', 'landed', 'after']);
  });

  it('a probe that did not land where asked stops everything after it', async () => {
    const { check } = guard(async () => undefined);
    let writes = 0;
    const write = async () => { writes++; return true; };
    const stray = new RemoteError('rejected', 'create', 'not there');
    const results = await Promise.allSettled([check.run(true, write, async () => stray), check.run(true, write, async () => undefined), check.run(false, write, async () => undefined)]);
    assert.equal(writes, 2, 'the probe, and the top-level write that did not have to wait');
    assert.ok(results[1]?.status === 'rejected' && results[1].reason === stray);
    await assert.rejects(check.run(false, write, async () => undefined), (e: unknown) => e === stray);
    assert.equal(writes, 2);
  });
});
