import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BatchAnswerParser, type BatchAnswer } from '../../../../src/sources/git/batch-answers.js';
import { GitError } from '../../../../src/sources/git/errors.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
// A body that holds newlines and a header-like line, then a missing object, then an empty blob.
const tricky = `x\n${B} blob 3\ny`;
const output = Buffer.from(`${A} blob ${tricky.length}\n${tricky}\n${'c'.repeat(40)} missing\n${B} blob 0\n\n`);

function parse(chunks: Buffer[], keep = () => true): BatchAnswer[] {
  const answers: BatchAnswer[] = [];
  const parser = new BatchAnswerParser(keep, (a) => answers.push(a));
  for (const chunk of chunks) parser.push(chunk);
  return answers;
}

describe('BatchAnswerParser', () => {
  it('gives the same answers whichever byte the pipe splits the output at', () => {
    const whole = parse([output]);
    assert.deepEqual(whole.map((a) => a.kind === 'found' ? [a.sha, a.size, a.body?.toString()] : [a.name]),
      [[A, tricky.length, tricky], ['c'.repeat(40)], [B, 0, '']]);
    for (let at = 0; at <= output.length; at++) assert.deepEqual(parse([output.subarray(0, at), output.subarray(at)]), whole, `split at ${at}`);
    assert.deepEqual(parse([...output].map((byte) => Buffer.from([byte]))), whole);
  });

  it('skips a body it was told not to keep, and stays in step', () => {
    const answers = parse([output], () => false);
    assert.deepEqual(answers.map((a) => a.kind === 'found' ? a.body : a.kind), [null, 'missing', null]);
  });

  it('throws unexpectedOutput on a header that is not in the batch format', () => {
    assert.throws(() => parse([Buffer.from('error: something\n')]), (err) => err instanceof GitError && err.code === 'unexpectedOutput');
  });
});
